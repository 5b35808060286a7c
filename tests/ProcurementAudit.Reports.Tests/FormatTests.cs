using ProcurementAudit.Reports.Composition;

namespace ProcurementAudit.Reports.Tests;

public class FormatTests
{
    [Theory]
    [InlineData(0L, "0,00 грн")]
    [InlineData(5L, "0,05 грн")]
    [InlineData(123456789L, "1 234 567,89 грн")]
    [InlineData(-100L, "-1,00 грн")]
    [InlineData(long.MaxValue, "92 233 720 368 547 758,07 грн")]
    public void Money_is_exact_from_minor_units(long minor, string expected) =>
        Assert.Equal(expected, Format.Money(minor).Replace('\u00A0', ' '));

    [Fact]
    public void Times_are_shown_in_Kyiv_with_their_offset()
    {
        Assert.Equal("01.07.2025 15:00 (UTC+03:00)", Format.DateTime(new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("15.01.2025 14:00 (UTC+02:00)", Format.DateTime(new DateTimeOffset(2025, 1, 15, 12, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(12.0, "12")]
    [InlineData(1234567.0, "1 234 567")]
    [InlineData(2.5, "2,5")]
    public void Numbers_use_Ukrainian_separators(double value, string expected) =>
        Assert.Equal(expected, Format.Number(value).Replace('\u00A0', ' '));
}
