using Hangfire;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProcurementAudit.Core.Common;

namespace ProcurementAudit.Core.Risk;

/// <summary>
/// After any change to a procedure, a rescan job is enqueued, so flags follow the data without anyone asking.
/// Where no job server is configured (the command line), nothing is enqueued: run <c>scan</c> after bulk changes.
/// </summary>
internal sealed class EnqueueRescanOnProcedureChanged(IServiceProvider services, ILogger<EnqueueRescanOnProcedureChanged> logger)
    : INotificationHandler<ProcedureChanged>
{
    public Task Handle(ProcedureChanged notification, CancellationToken cancellationToken)
    {
        var jobs = services.GetService<IBackgroundJobClient>();
        if (jobs is null)
        {
            logger.LogDebug("No job server: rescan of {Kind} {ProcedureId} not enqueued", notification.Kind, notification.ProcedureId);
            return Task.CompletedTask;
        }
        var jobId = jobs.Enqueue<RiskJobs>(j => j.RescanAsync(notification.Kind, notification.ProcedureId, null, CancellationToken.None));
        logger.LogInformation("Rescan of {Kind} {ProcedureId} enqueued as job {JobId}", notification.Kind, notification.ProcedureId, jobId);
        return Task.CompletedTask;
    }
}
