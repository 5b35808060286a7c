using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>
/// Risk scores: the sum of the weights (<c>Risk:Weights</c>) of a procedure's active flags (open or confirmed;
/// dismissed and cleared flags weigh nothing).
/// </summary>
public static class GetProcedureRisk
{
    public sealed record Query(ProcedureKind Kind, int ProcedureId) : IRequest<Result>;

    public sealed record FlagScore(long FlagId, string Code, FlagStatus Status, decimal Weight, string Explanation);

    public sealed record Result(ProcedureKind Kind, int ProcedureId, decimal Score, IReadOnlyList<FlagScore> Flags);

    internal sealed class Handler(AuditDbContext db, RiskOptions options) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var exists = request.Kind switch
            {
                ProcedureKind.Tender => await db.Tenders.AnyAsync(t => t.Id == request.ProcedureId, cancellationToken),
                ProcedureKind.Auction => await db.LeaseAuctions.AnyAsync(a => a.Id == request.ProcedureId, cancellationToken),
                _ => await db.Competitions.AnyAsync(c => c.Id == request.ProcedureId, cancellationToken),
            };
            if (!exists) throw new NotFoundException(request.Kind.ToString(), request.ProcedureId);
            var flags = await db.Flags.AsNoTracking()
                .Where(f => f.ProcedureKind == request.Kind && f.ProcedureId == request.ProcedureId
                            && (f.Status == FlagStatus.Open || f.Status == FlagStatus.Confirmed))
                .OrderBy(f => f.Code).ThenBy(f => f.Id)
                .Select(f => new { f.Id, f.Code, f.Status, f.Explanation }).ToListAsync(cancellationToken);
            var scored = flags.Select(f => new FlagScore(f.Id, f.Code, f.Status, options.WeightOf(f.Code), f.Explanation)).ToList();
            return new Result(request.Kind, request.ProcedureId, scored.Sum(f => f.Weight), scored);
        }
    }
}
