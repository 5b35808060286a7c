using UglyToad.PdfPig;

namespace ProcurementAudit.Reports.Tests;

/// <summary>Reads our PDFs back with PdfPig, an independent parser.</summary>
internal static class PdfText
{
    /// <summary>The text of each page, with no-break spaces as plain spaces so assertions read naturally.</summary>
    public static List<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => p.Text.Replace('\u00A0', ' ')).ToList();
    }

    public static string All(byte[] pdf) => string.Join("\n", Pages(pdf));

    /// <summary>Without any whitespace: a phrase wrapped inside a table cell reads back without the line break's space.</summary>
    public static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
