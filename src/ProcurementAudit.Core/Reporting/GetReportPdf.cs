using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Reporting;

/// <summary>The PDF of a finished report (same audience as its status); not finished yet: 409.</summary>
public static class GetReportPdf
{
    public sealed record Query(Guid Id) : IRequest<Result>;

    public sealed record Result(byte[] Content, string FileName, string Sha256, DateTime CompletedAt);

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query q, CancellationToken ct)
        {
            var r = await db.Reports.AsNoTracking().SingleOrDefaultAsync(x => x.Id == q.Id, ct);
            if (r is null || !GetReport.CanSee(actor, r.RequestedBy)) throw new NotFoundException("Report", q.Id);
            if (r.Status != ReportStatus.Done || r.Pdf is null)
                throw new ConflictException(r.Status == ReportStatus.Failed ? $"The report failed: {r.Error}" : $"The report is {r.Status.ToString().ToLowerInvariant()}; try again shortly.");
            return new Result(r.Pdf, r.FileName ?? $"report-{r.Id:N}.pdf", r.Sha256!, r.CompletedAt!.Value);
        }
    }
}
