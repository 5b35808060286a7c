using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>The parameters an indicator runs with for a conglomerate (or the defaults when none is given).</summary>
public static class GetIndicatorSettings
{
    public sealed record Query(string Code, int? ConglomerateId) : IRequest<Result>;

    /// <param name="SettingsVersion">0 while the defaults apply.</param>
    public sealed record Result(string Code, int? ConglomerateId, int SettingsVersion, IReadOnlyDictionary<string, decimal> Parameters,
        IReadOnlyDictionary<string, decimal> Defaults, DateTime? ChangedAt, string? ChangedBy);

    internal sealed class Handler(AuditDbContext db, IndicatorCatalog catalog, IndicatorSettingsStore store) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var indicator = catalog.Find(request.Code) ?? throw new NotFoundException("Indicator", request.Code);
            var defaults = new IndicatorParameters(indicator).Values;
            if (request.ConglomerateId is not { } conglomerateId)
                return new Result(indicator.Code, null, 0, defaults, defaults, null, null);
            await EnsureConglomerateAsync(db, conglomerateId, cancellationToken);
            var latest = (await store.LatestForConglomerateAsync(conglomerateId, cancellationToken)).GetValueOrDefault(indicator.Code);
            return latest is null
                ? new Result(indicator.Code, conglomerateId, 0, defaults, defaults, null, null)
                : new Result(indicator.Code, conglomerateId, latest.SettingsVersion,
                    new IndicatorParameters(indicator, IndicatorParameters.Parse(latest.ParametersJson)).Values, defaults, latest.ChangedAt, latest.ChangedBy);
        }
    }

    internal static async Task EnsureConglomerateAsync(AuditDbContext db, int id, CancellationToken ct)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == id && o.Kind == OrganisationKind.Conglomerate, ct))
            throw new NotFoundException("Conglomerate", id);
    }
}
