using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ProcurementAudit.Core.Competitions;

/// <summary>The <c>Competitions</c> configuration section.</summary>
public sealed class CompetitionOptions
{
    /// <summary>
    /// Public holidays that are not working days (besides weekends), as dates. Under martial law Ukraine's public
    /// holidays are working days, which is why the list is configuration and not code.
    /// </summary>
    public IReadOnlySet<DateOnly> PublicHolidays { get; init; } = new HashSet<DateOnly>();

    /// <summary>Working days the organiser has to answer an observer's opinion.</summary>
    public int OpinionAnswerWorkingDays { get; init; } = 10;

    public static CompetitionOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Competitions");
        var holidays = new HashSet<DateOnly>();
        foreach (var item in section.GetSection("PublicHolidays").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(item.Value)) continue;
            if (!DateOnly.TryParseExact(item.Value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw new InvalidOperationException($"Competitions:PublicHolidays:{item.Key} is '{item.Value}', not a date in the form yyyy-MM-dd.");
            holidays.Add(day);
        }
        var days = section.GetValue<int?>("OpinionAnswerWorkingDays") ?? 10;
        if (days is < 1 or > 100)
            throw new InvalidOperationException($"Competitions:OpinionAnswerWorkingDays is {days}; it must be between 1 and 100.");
        return new CompetitionOptions { PublicHolidays = holidays, OpinionAnswerWorkingDays = days };
    }

    public WorkingDays Calendar() => new(PublicHolidays);
}
