namespace ProcurementAudit.Reports.Models;

// Plain records the Core reporting queries fill in. Display strings (kinds, stages, statuses) arrive already worded
// for the reader; the templates only lay them out. Personal data appears only if the query put it in.

/// <summary>An inclusive calendar period.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To);

/// <summary>An exact amount in minor units (kopiykas for UAH).</summary>
public readonly record struct MoneyAmount(long Minor, string Currency = "UAH");

/// <summary>A labelled value, e.g. "Процедур з прапорцями: 214".</summary>
public sealed record LabeledValue(string Label, string Value);

/// <summary>One flag with the values that fired it and where its review stands.</summary>
public sealed record FlagEvidence(
    string ProcedureId,
    string Code,
    int IndicatorVersion,
    string Explanation,
    IReadOnlyList<LabeledValue> Evidence,
    string ReviewStatus,
    string? ReviewNote = null);

/// <summary>An observer's opinion or a monitor's observation, and the organiser's answer if any.</summary>
public sealed record OpinionEntry(
    string ProcedureId,
    string Author,
    DateTimeOffset At,
    string Kind,
    string Text,
    string? Answer = null,
    DateTimeOffset? AnsweredAt = null,
    string? AnsweredBy = null);

/// <summary>Extra material at the end of a report: text, a table, or both.</summary>
public sealed record Annex(string Title, string? Text = null, AnnexTable? Table = null);

public sealed record AnnexTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);
