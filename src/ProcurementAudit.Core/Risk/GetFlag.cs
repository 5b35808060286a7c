using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>One flag with its evidence, parameters and full history.</summary>
public static class GetFlag
{
    public sealed record Query(long Id) : IRequest<Result>;

    public sealed record Event(long Id, FlagEventKind Kind, DateTime At, string Actor, string? Text);

    public sealed record Result(long Id, string Code, string Title, int IndicatorVersion, ProcedureKind ProcedureKind, int ProcedureId, string SubjectKey,
        int? EnterpriseId, DateTime? ProcedureDate, FlagStatus Status, string Explanation, JsonElement Evidence, JsonElement Parameters,
        IReadOnlyList<int> PartyIds, decimal Weight, DateTime RaisedAt, DateTime? ClearedAt, string? ReviewedBy, DateTime? ReviewedAt,
        string? ReviewReason, int Version, IReadOnlyList<Event> History);

    internal sealed class Handler(AuditDbContext db, IndicatorCatalog catalog, RiskOptions options) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var f = await db.Flags.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.Id, cancellationToken)
                    ?? throw new NotFoundException("Flag", request.Id);
            var history = await db.FlagEvents.AsNoTracking().Where(e => e.FlagId == f.Id).OrderBy(e => e.At).ThenBy(e => e.Id)
                .Select(e => new Event(e.Id, e.Kind, e.At, e.Actor, e.Text)).ToListAsync(cancellationToken);
            return new Result(f.Id, f.Code, catalog.Find(f.Code)?.Title ?? f.Code, f.IndicatorVersion, f.ProcedureKind, f.ProcedureId, f.SubjectKey,
                f.EnterpriseId, f.ProcedureDate, f.Status, f.Explanation, Parse(f.EvidenceJson), Parse(f.ParametersJson),
                string.IsNullOrEmpty(f.PartyIds) ? [] : [.. f.PartyIds.Split(',').Select(int.Parse)],
                options.WeightOf(f.Code), f.RaisedAt, f.ClearedAt, f.ReviewedBy, f.ReviewedAt, f.ReviewReason, f.Version, history);
        }

        private static JsonElement Parse(string json)
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
    }
}
