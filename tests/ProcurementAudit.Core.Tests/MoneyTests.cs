using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tests;

public class MoneyTests
{
    [Theory]
    [InlineData("1234.56", 123456)]
    [InlineData("0.01", 1)]
    [InlineData("400000", 40000000)]
    public void Amounts_round_trip_through_minor_units_exactly(string amount, long minor)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(minor, Money.ToMinor(value));
        Assert.Equal(value, Money.FromMinor(minor));
    }

    [Fact]
    public void Fractions_of_a_kopiyka_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Money.ToMinor(0.005m));
    }
}
