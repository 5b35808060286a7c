using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Risk;

/// <summary>Every settings version of an indicator for a conglomerate, newest first.</summary>
public static class GetIndicatorSettingsHistory
{
    public sealed record Query(string Code, int ConglomerateId) : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(int SettingsVersion, IReadOnlyDictionary<string, decimal> Parameters, DateTime ChangedAt, string ChangedBy);

    internal sealed class Handler(AuditDbContext db, IndicatorCatalog catalog) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            var indicator = catalog.Find(request.Code) ?? throw new NotFoundException("Indicator", request.Code);
            await GetIndicatorSettings.EnsureConglomerateAsync(db, request.ConglomerateId, cancellationToken);
            var rows = await db.IndicatorSettings.AsNoTracking()
                .Where(s => s.ConglomerateId == request.ConglomerateId && s.Code == indicator.Code)
                .OrderByDescending(s => s.SettingsVersion).ToListAsync(cancellationToken);
            return [.. rows.Select(r => new Item(r.SettingsVersion, IndicatorParameters.Parse(r.ParametersJson), r.ChangedAt, r.ChangedBy))];
        }
    }
}
