namespace ProcurementAudit.Reports.Tests;

public class AssemblyLoads
{
    [Fact]
    public void Project_under_test_loads() => Assert.NotNull(typeof(ProcurementAudit.Reports.ReportsAssembly).Assembly);
}
