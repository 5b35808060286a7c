namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// Working-day arithmetic on the Kyiv calendar: Saturdays, Sundays and the configured public holidays are not
/// working days. Deadlines are the end (Kyiv midnight) of the last working day, returned in UTC.
/// </summary>
public sealed class WorkingDays(IReadOnlySet<DateOnly> publicHolidays)
{
    public static readonly TimeZoneInfo Kyiv = FindKyiv();

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !publicHolidays.Contains(day);

    /// <summary>The n-th working day after <paramref name="day"/> (the day itself does not count).</summary>
    public DateOnly AddWorkingDays(DateOnly day, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var current = day;
        for (var added = 0; added < count;)
        {
            current = current.AddDays(1);
            if (IsWorkingDay(current)) added++;
        }
        return current;
    }

    /// <summary>Working days strictly after <paramref name="from"/> up to and including <paramref name="to"/>; 0 when to is not later.</summary>
    public int CountBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
            if (IsWorkingDay(day)) count++;
        return count;
    }

    /// <summary>The deadline <paramref name="count"/> working days after an event at <paramref name="utc"/>: the end of that Kyiv day, in UTC.</summary>
    public DateTime DeadlineAfter(DateTime utc, int count)
    {
        var last = AddWorkingDays(ToKyivDate(utc), count);
        var endLocal = last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(endLocal, Kyiv);
    }

    /// <summary>Working days elapsed from the Kyiv day of <paramref name="fromUtc"/> to the Kyiv day of <paramref name="toUtc"/>.</summary>
    public int WorkingDaysElapsed(DateTime fromUtc, DateTime toUtc) => CountBetween(ToKyivDate(fromUtc), ToKyivDate(toUtc));

    public static DateOnly ToKyivDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Kyiv));

    // The IANA id was renamed from Europe/Kiev; older tzdata knows only the old name.
    private static TimeZoneInfo FindKyiv()
    {
        foreach (var id in new[] { "Europe/Kyiv", "Europe/Kiev", "FLE Standard Time" })
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return zone;
        throw new TimeZoneNotFoundException("The Europe/Kyiv time zone is not installed (install tzdata).");
    }
}
