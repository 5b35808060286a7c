using Microsoft.Extensions.Configuration;
using ProcurementAudit.Core.Competitions;

namespace ProcurementAudit.Core.Tests.Competitions;

public sealed class WorkingDaysTests
{
    private static DateOnly D(int month, int day) => new(2026, month, day);

    [Fact]
    public void Weekends_do_not_count()
    {
        var calendar = new WorkingDays(new HashSet<DateOnly>());
        // Friday 6 March + 1 working day = Monday 9 March.
        Assert.Equal(D(3, 9), calendar.AddWorkingDays(D(3, 6), 1));
        Assert.Equal(D(3, 16), calendar.AddWorkingDays(D(3, 2), 10));
        Assert.False(calendar.IsWorkingDay(D(3, 7)));
        Assert.True(calendar.IsWorkingDay(D(3, 9)));
    }

    [Fact]
    public void Public_holidays_do_not_count()
    {
        var calendar = new WorkingDays(new HashSet<DateOnly> { D(3, 9) });
        Assert.Equal(D(3, 10), calendar.AddWorkingDays(D(3, 6), 1));
        Assert.Equal(D(3, 17), calendar.AddWorkingDays(D(3, 2), 10));
        Assert.Equal(9, calendar.CountBetween(D(3, 2), D(3, 16)));
    }

    [Fact]
    public void A_deadline_is_the_end_of_the_last_working_day_in_Kyiv()
    {
        var calendar = new WorkingDays(new HashSet<DateOnly> { D(3, 9) });
        // Filed Monday 2 March 2026 at 23:30 Kyiv (21:30 UTC, winter time UTC+2): still 2 March in Kyiv.
        var due = calendar.DeadlineAfter(new DateTime(2026, 3, 2, 21, 30, 0, DateTimeKind.Utc), 10);
        Assert.Equal(new DateTime(2026, 3, 17, 22, 0, 0, DateTimeKind.Utc), due);
        // Filed at 22:30 UTC: already 3 March in Kyiv, so one day later.
        Assert.Equal(new DateTime(2026, 3, 18, 22, 0, 0, DateTimeKind.Utc), calendar.DeadlineAfter(new DateTime(2026, 3, 2, 22, 30, 0, DateTimeKind.Utc), 10));
        // Summer time (UTC+3): end of Friday 5 June Kyiv is 21:00 UTC.
        Assert.Equal(new DateTime(2026, 6, 5, 21, 0, 0, DateTimeKind.Utc), calendar.DeadlineAfter(new DateTime(2026, 6, 4, 9, 0, 0, DateTimeKind.Utc), 1));
    }

    [Fact]
    public void Holidays_come_from_configuration_and_bad_dates_are_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([
            new("Competitions:PublicHolidays:0", "2026-03-09"),
            new("Competitions:PublicHolidays:1", "2026-05-01"),
            new("Competitions:OpinionAnswerWorkingDays", "5"),
        ]).Build();
        var options = CompetitionOptions.From(configuration);
        Assert.Equal(5, options.OpinionAnswerWorkingDays);
        Assert.False(options.Calendar().IsWorkingDay(D(5, 1)));
        Assert.True(options.Calendar().IsWorkingDay(D(5, 4)));

        var bad = new ConfigurationBuilder().AddInMemoryCollection([new("Competitions:PublicHolidays:0", "9 March")]).Build();
        var error = Assert.Throws<InvalidOperationException>(() => CompetitionOptions.From(bad));
        Assert.Contains("PublicHolidays:0", error.Message);
    }
}
