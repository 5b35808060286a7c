using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>An enterprise's risk over a period: scores by indicator and its riskiest procedures.</summary>
public static class GetEnterpriseRisk
{
    /// <param name="From">Procedures dated on or after this (UTC); open-ended when null.</param>
    /// <param name="To">Procedures dated before this (UTC); open-ended when null.</param>
    public sealed record Query(int EnterpriseId, DateTime? From, DateTime? To) : IRequest<Result>;

    public sealed record CodeScore(string Code, int ActiveFlags, decimal Weight, decimal Score);

    public sealed record ProcedureScore(ProcedureKind Kind, int ProcedureId, decimal Score, IReadOnlyList<string> Codes);

    public sealed record Result(int EnterpriseId, DateTime? From, DateTime? To, decimal Score, int ActiveFlags, int ConfirmedFlags, int DismissedFlags,
        int ClearedFlags, int FlaggedProcedures, IReadOnlyList<CodeScore> ByIndicator, IReadOnlyList<ProcedureScore> TopProcedures);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.To).GreaterThan(q => q.From).When(q => q.From is not null && q.To is not null);
    }

    internal sealed class Handler(AuditDbContext db, RiskOptions options) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            if (!await db.Organisations.AnyAsync(o => o.Id == request.EnterpriseId && o.Kind == OrganisationKind.Enterprise, cancellationToken))
                throw new NotFoundException("Enterprise", request.EnterpriseId);
            var flags = db.Flags.AsNoTracking().Where(f => f.EnterpriseId == request.EnterpriseId);
            if (request.From is { } from)
            {
                var utc = from.ToUniversalTime();
                flags = flags.Where(f => f.ProcedureDate >= utc);
            }
            if (request.To is { } to)
            {
                var utc = to.ToUniversalTime();
                flags = flags.Where(f => f.ProcedureDate < utc);
            }
            var byStatus = await flags.GroupBy(f => f.Status).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
            var active = flags.Where(f => f.Status == FlagStatus.Open || f.Status == FlagStatus.Confirmed);
            var byCode = await active.GroupBy(f => f.Code).Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var codes = byCode.Select(c => new CodeScore(c.Code, c.Count, options.WeightOf(c.Code), c.Count * options.WeightOf(c.Code)))
                .OrderByDescending(c => c.Score).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
            // Scores per procedure are summed in memory from (procedure, code) pairs: weights live in configuration.
            var pairs = await active.Where(f => f.ProcedureId != 0).Select(f => new { f.ProcedureKind, f.ProcedureId, f.Code }).ToListAsync(cancellationToken);
            var procedures = pairs.GroupBy(p => (p.ProcedureKind, p.ProcedureId))
                .Select(g => new ProcedureScore(g.Key.ProcedureKind, g.Key.ProcedureId, g.Sum(p => options.WeightOf(p.Code)), [.. g.Select(p => p.Code).Distinct().Order(StringComparer.Ordinal)]))
                .ToList();
            return new Result(request.EnterpriseId, request.From, request.To, codes.Sum(c => c.Score),
                byStatus.GetValueOrDefault(FlagStatus.Open) + byStatus.GetValueOrDefault(FlagStatus.Confirmed),
                byStatus.GetValueOrDefault(FlagStatus.Confirmed), byStatus.GetValueOrDefault(FlagStatus.Dismissed), byStatus.GetValueOrDefault(FlagStatus.Cleared),
                procedures.Count,
                codes,
                [.. procedures.OrderByDescending(p => p.Score).ThenBy(p => p.ProcedureId).Take(20)]);
        }
    }
}
