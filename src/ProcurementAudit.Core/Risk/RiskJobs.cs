using Hangfire;
using Hangfire.Server;
using MediatR;
using Microsoft.Extensions.Logging;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>
/// The Hangfire jobs of the risk engine. Arguments are ids only; both jobs are idempotent (the flags' unique index is
/// the real guard), so Hangfire's retries and re-runs after a restart are safe.
/// </summary>
public sealed class RiskJobs(IMediator mediator, ILogger<RiskJobs> logger)
{
    public const string FullScanJobId = "risk-full-scan";

    /// <summary>The recurring full scan; never two at once (the second waits for the lock, then runs).</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 6 * 60 * 60)]
    [AutomaticRetry(Attempts = 2)]
    public async Task FullScanAsync(PerformContext? context, CancellationToken cancellationToken)
    {
        var report = await mediator.Send(new RunFullScan.Command(null, Actor(context)), cancellationToken);
        var total = report.Total;
        logger.LogInformation("Full risk scan done in {Seconds:0.0} s: {Raised} raised, {Cleared} cleared, {Active} active",
            report.Seconds, total.Raised, total.Cleared, total.Active);
    }

    /// <summary>Rescan of one procedure after a change to it.</summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task RescanAsync(ProcedureKind kind, int procedureId, PerformContext? context, CancellationToken cancellationToken)
    {
        var report = await mediator.Send(new RescanProcedure.Command(kind, procedureId, Actor(context)), cancellationToken);
        var total = report.Total;
        logger.LogInformation("Rescan of {Kind} {ProcedureId}: {Raised} raised, {Updated} updated, {Reopened} reopened, {Cleared} cleared in {Ms:0} ms",
            kind, procedureId, total.Raised, total.Updated, total.Reopened, total.Cleared, report.Seconds * 1000);
    }

    private static string Actor(PerformContext? context) => context is null ? "system:job" : $"system:job:{context.BackgroundJob.Id}";
}
