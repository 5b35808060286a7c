using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProcurementAudit.Core;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Ocds.Import;

namespace ProcurementAudit.Import.Tests;

public class NotificationsAndProviders
{
    private sealed class Recorder : INotificationHandler<ProcedureChanged>
    {
        public List<ProcedureChanged> Seen { get; } = [];
        public Task Handle(ProcedureChanged notification, CancellationToken cancellationToken)
        {
            Seen.Add(notification);
            return Task.CompletedTask;
        }
    }

    [Theory]
    [InlineData(true, 11)]
    [InlineData(false, 0)]
    public async Task ProcedureChanged_is_published_per_tender_only_when_asked(bool publish, int expected)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pa-import-tests", Guid.NewGuid().ToString("N"));
        var recorder = new Recorder();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProcurementAuditCore(new ConfigurationBuilder().AddInMemoryCollection([new("Database:DataFolder", folder)]).Build());
        services.AddSingleton<INotificationHandler<ProcedureChanged>>(recorder);
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AuditDbContext>().Database.MigrateAsync();

        await using (var scope = provider.CreateAsyncScope())
        await using (var file = File.OpenRead(SharedData.File("ukraine-prozorro/compiled-releases.jsonl")))
        {
            var summary = await scope.ServiceProvider.GetRequiredService<OcdsImporter>()
                .ImportAsync(file, new OcdsImportOptions { PublishChanges = publish, CollectTenderIds = true });
            Assert.Equal(expected, recorder.Seen.Count);
            Assert.All(recorder.Seen, n => Assert.Equal(ProcedureKind.Tender, n.Kind));
            if (publish) Assert.Equal(summary.TenderIds!.Order(), recorder.Seen.Select(n => n.ProcedureId).Order());
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }

    [Fact]
    public void Import_queries_translate_on_SQL_Server()
    {
        var options = new DbContextOptionsBuilder<AuditDbContext>().UseSqlServer("Server=none;Database=none;Trusted_Connection=True").Options;
        using var db = new AuditDbContext(options);
        var ocids = new[] { "ocds-a", "ocds-b" };
        var ids = new[] { "1", "2" };
        var tenders = db.Tenders.AsNoTracking().Where(t => EF.Parameter(ocids).Contains(t.Ocid!))
            .Select(t => new { t.Id, t.Ocid, t.CreatedAt, t.CreatedBy, t.Version }).ToQueryString();
        var parties = db.Parties.AsNoTracking().Include(p => p.AdditionalIdentifiers).Where(p => EF.Parameter(ids).Contains(p.IdentifierId)).ToQueryString();
        var tenderIds = new List<int> { 1 };
        var amendments = db.ContractAmendments.Where(a => db.Contracts.Any(c => c.Id == a.ContractId && tenderIds.Contains(c.TenderId))).ToQueryString();
        Assert.Contains("OPENJSON", tenders);
        Assert.Contains("OPENJSON", parties);
        Assert.Contains("ContractAmendments", amendments);
    }
}
