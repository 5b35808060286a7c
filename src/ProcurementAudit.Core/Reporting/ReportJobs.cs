using Hangfire;
using MediatR;
using Microsoft.Extensions.Logging;

namespace ProcurementAudit.Core.Reporting;

/// <summary>The Hangfire job that renders a requested report; the argument is the report's id only.</summary>
public sealed class ReportJobs(IMediator mediator, ILogger<ReportJobs> logger)
{
    // A failed build is recorded on the row; retrying would not change the answer.
    [AutomaticRetry(Attempts = 1)]
    public async Task RenderAsync(Guid reportId, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RenderReport.Command(reportId), cancellationToken);
        logger.LogInformation("Report {ReportId}: {Status} ({Bytes} bytes)", reportId, result.Status, result.SizeBytes);
    }
}
