namespace ProcurementAudit.Web.Tests;

public class AssemblyLoads
{
    [Fact]
    public void Project_under_test_loads() => Assert.NotNull(typeof(Program).Assembly);
}
