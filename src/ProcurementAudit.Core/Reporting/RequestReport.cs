using System.Globalization;
using FluentValidation;
using Hangfire;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Competitions;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Reporting;

/// <summary>
/// Asks for a PDF report: checks the kind, the scope and the requester's access now (so a refused request stores
/// nothing), keeps a queued row with the requester's id and roles, and enqueues the render job (ids only).
/// Auditors may request any report, monitors reports within their scope; other roles may not.
/// </summary>
public static class RequestReport
{
    public sealed record Command(string? Kind, string? ScopeKind, int? ScopeId, DateOnly? From, DateOnly? To) : IRequest<Result>;

    public sealed record Result(Guid Id, ReportStatus Status);

    private static readonly Dictionary<string, ReportKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["oversight"] = ReportKind.Oversight, ["dossier"] = ReportKind.Dossier, ["observer"] = ReportKind.Observer,
    };

    /// <summary>Which scopes each kind takes.</summary>
    internal static readonly Dictionary<ReportKind, ReportScopeKind[]> Scopes = new()
    {
        [ReportKind.Oversight] = [ReportScopeKind.Conglomerate, ReportScopeKind.Enterprise],
        [ReportKind.Dossier] = [ReportScopeKind.Tender, ReportScopeKind.Auction, ReportScopeKind.Competition],
        [ReportKind.Observer] = [ReportScopeKind.Competition],
    };

    internal static ReportKind? ParseKind(string? kind) => kind is not null && Kinds.TryGetValue(kind, out var k) ? k : null;

    internal static ReportScopeKind? ParseScope(string? scope) =>
        scope is not null && !int.TryParse(scope, out _) && Enum.TryParse<ReportScopeKind>(scope, ignoreCase: true, out var s) ? s : null;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).Must(k => ParseKind(k) is not null).WithMessage("Unknown report kind; use oversight, dossier or observer.");
            RuleFor(c => c.ScopeKind).Must(s => ParseScope(s) is not null)
                .WithMessage("Unknown scope kind; use conglomerate, enterprise, tender, auction or competition.")
                .OverridePropertyName("scope.kind");
            RuleFor(c => c.ScopeKind).Must((c, s) => Scopes[ParseKind(c.Kind)!.Value].Contains(ParseScope(s)!.Value))
                .When(c => ParseKind(c.Kind) is not null && ParseScope(c.ScopeKind) is not null)
                .WithMessage(c => $"A {c.Kind} report takes a scope of: {string.Join(", ", Scopes[ParseKind(c.Kind)!.Value].Select(s => s.ToString().ToLowerInvariant()))}.")
                .OverridePropertyName("scope.kind");
            RuleFor(c => c.ScopeId).NotNull().GreaterThan(0).OverridePropertyName("scope.id");
            RuleFor(c => c.From).NotNull().When(c => ParseKind(c.Kind) == ReportKind.Oversight)
                .WithMessage("An oversight report needs a period.").OverridePropertyName("period.from");
            RuleFor(c => c.To).NotNull().When(c => ParseKind(c.Kind) == ReportKind.Oversight)
                .WithMessage("An oversight report needs a period.").OverridePropertyName("period.to");
            RuleFor(c => c.To).GreaterThanOrEqualTo(c => c.From).When(c => c.From is not null && c.To is not null)
                .WithMessage("The period ends before it starts.").OverridePropertyName("period.to");
        }
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor, TimeProvider clock, IServiceProvider services) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command c, CancellationToken ct)
        {
            var kind = ParseKind(c.Kind)!.Value;
            var scope = ParseScope(c.ScopeKind)!.Value;
            var id = c.ScopeId!.Value;
            if (!actor.IsSystem && !actor.IsInRole(Roles.Auditor) && !actor.IsInRole(Roles.Monitor))
                throw new ForbiddenException("Only auditors and monitors may request reports.");
            await EnsureCanReadAsync(db, actor, scope, id, ct);

            var report = new Report
            {
                Id = Guid.NewGuid(),
                Kind = kind,
                ScopeKind = scope,
                ScopeId = id,
                PeriodFrom = c.From,
                PeriodTo = c.To,
                RequestedBy = actor.Id,
                RequesterRoles = actor.IsSystem ? "system" : string.Join(",", Roles.All.Where(actor.IsInRole)),
                Status = ReportStatus.Queued,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                FileName = FileName(kind, scope, id, c.From, c.To),
            };
            db.Reports.Add(report);
            await db.SaveChangesAsync(ct);
            // Without a job server (the command line) the caller renders it with RenderReport directly.
            services.GetService<IBackgroundJobClient>()?.Enqueue<ReportJobs>(j => j.RenderAsync(report.Id, CancellationToken.None));
            return new Result(report.Id, report.Status);
        }
    }

    /// <summary>404 for a scope that does not exist or is out of the actor's reach (existence is not revealed).</summary>
    internal static async Task EnsureCanReadAsync(AuditDbContext db, ICurrentActor actor, ReportScopeKind scope, int id, CancellationToken ct)
    {
        switch (scope)
        {
            case ReportScopeKind.Conglomerate or ReportScopeKind.Enterprise:
                await BuildOversightReport.ResolveScopeAsync(db, actor, scope, id, ct);
                break;
            case ReportScopeKind.Tender:
                var tender = await db.Tenders.Where(t => t.Id == id).Select(t => new { t.EnterpriseId }).SingleOrDefaultAsync(ct)
                    ?? throw new NotFoundException("Tender", id);
                actor.EnsureCanRead(tender.EnterpriseId, "Tender", id);
                break;
            case ReportScopeKind.Auction:
                var auction = await db.LeaseAuctions.Where(a => a.Id == id).Select(a => new { a.EnterpriseId }).SingleOrDefaultAsync(ct)
                    ?? throw new NotFoundException("Auction", id);
                actor.EnsureCanRead(auction.EnterpriseId, "Auction", id);
                break;
            default:
                await CompetitionViewer.ResolveAsync(db, actor, id, ct);
                break;
        }
    }

    /// <summary>e.g. oversight-enterprise-12-2026-01-01-2026-03-31.pdf, dossier-tender-481.pdf, observer-competition-7.pdf.</summary>
    internal static string FileName(ReportKind kind, ReportScopeKind scope, int id, DateOnly? from, DateOnly? to)
    {
        var name = $"{kind.ToString().ToLowerInvariant()}-{scope.ToString().ToLowerInvariant()}-{id.ToString(CultureInfo.InvariantCulture)}";
        if (from is { } f && to is { } t) name += $"-{f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        return name + ".pdf";
    }
}
