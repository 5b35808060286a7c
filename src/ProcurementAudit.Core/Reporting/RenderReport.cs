using System.Security.Cryptography;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Reports.Templates;

namespace ProcurementAudit.Core.Reporting;

/// <summary>
/// Renders a queued report as its requester (their stored id and roles, their grants as they are now), stores the PDF
/// with its SHA-256. A report that cannot be built (scope gone, access withdrawn) is marked failed with the reason.
/// </summary>
public static class RenderReport
{
    public sealed record Command(Guid Id) : IRequest<Result>;

    public sealed record Result(Guid Id, ReportStatus Status, string? Sha256, long? SizeBytes, string? Error);

    internal sealed class Handler(AuditDbContext db, IMediator mediator, TimeProvider clock, ILogger<Handler> logger) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command c, CancellationToken ct)
        {
            var report = await db.Reports.SingleOrDefaultAsync(r => r.Id == c.Id, ct) ?? throw new NotFoundException("Report", c.Id);
            if (report.Status == ReportStatus.Done) return Done(report);
            report.Status = ReportStatus.Running;
            report.StartedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            try
            {
                var actor = await RequesterActor.LoadAsync(db, report.RequestedBy, report.RequesterRoles, ct);
                byte[] pdf = report.Kind switch
                {
                    ReportKind.Oversight => OversightReport.Render(await mediator.Send(
                        new BuildOversightReport.Query(report.ScopeKind, report.ScopeId, report.PeriodFrom!.Value, report.PeriodTo!.Value, actor), ct)),
                    ReportKind.Dossier => ProcedureDossier.Render(await mediator.Send(new BuildProcedureDossier.Query(report.ScopeKind switch
                    {
                        ReportScopeKind.Tender => ProcedureKind.Tender,
                        ReportScopeKind.Auction => ProcedureKind.Auction,
                        _ => ProcedureKind.Competition,
                    }, report.ScopeId, actor), ct)),
                    _ => ObserverReport.Render(await mediator.Send(new BuildObserverReport.Query(report.ScopeId, actor), ct)),
                };
                report.Pdf = pdf;
                report.Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
                report.SizeBytes = pdf.Length;
                report.Status = ReportStatus.Done;
                report.Error = null;
            }
            catch (Exception e) when (e is NotFoundException or ForbiddenException or ConflictException)
            {
                logger.LogWarning("Report {ReportId} failed: {Reason}", report.Id, e.Message);
                report.Status = ReportStatus.Failed;
                report.Error = e.Message;
            }
            report.CompletedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            return Done(report);
        }

        private static Result Done(Report r) => new(r.Id, r.Status, r.Sha256, r.SizeBytes, r.Error);
    }
}

/// <summary>The requester as a job sees them: the id and roles stored with the report, the grants read now.</summary>
internal sealed class RequesterActor(string id, IReadOnlyCollection<string> roles, IReadOnlyList<UserAccess> grants) : ICurrentActor
{
    public string Id => id;
    public bool IsSystem => roles.Contains("system");
    public bool IsInRole(string role) => IsSystem || roles.Contains(role);
    public IReadOnlyList<UserAccess> Grants => grants;

    public static async Task<ICurrentActor> LoadAsync(AuditDbContext db, string id, string roles, CancellationToken ct)
    {
        var list = roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var grants = await db.UserAccess.AsNoTracking().Where(g => g.UserId == id).ToListAsync(ct);
        return new RequesterActor(id, list, grants);
    }
}
