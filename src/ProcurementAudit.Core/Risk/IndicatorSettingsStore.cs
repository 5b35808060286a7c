using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>Resolves the parameters an indicator runs with: defaults, overridden per conglomerate by the latest settings version.</summary>
public sealed class IndicatorSettingsStore(AuditDbContext db)
{
    /// <summary>The latest settings row per code of one conglomerate.</summary>
    public async Task<Dictionary<string, IndicatorSettings>> LatestForConglomerateAsync(int conglomerateId, CancellationToken ct)
    {
        var rows = await db.IndicatorSettings.AsNoTracking().Where(s => s.ConglomerateId == conglomerateId).ToListAsync(ct);
        return rows.GroupBy(r => r.Code, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.SettingsVersion)!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The parameters for a procedure of an enterprise (null: not a member enterprise, so defaults).</summary>
    public async Task<Func<IIndicator, IndicatorParameters>> ForEnterpriseAsync(int? enterpriseId, CancellationToken ct)
    {
        int? conglomerateId = enterpriseId is null ? null
            : await db.Organisations.Where(o => o.Id == enterpriseId).Select(o => o.ParentId).FirstOrDefaultAsync(ct);
        var latest = conglomerateId is null ? [] : await LatestForConglomerateAsync(conglomerateId.Value, ct);
        return indicator => latest.TryGetValue(indicator.Code, out var row)
            ? new IndicatorParameters(indicator, IndicatorParameters.Parse(row.ParametersJson))
            : new IndicatorParameters(indicator);
    }

    /// <summary>
    /// How a full scan splits: one run with the defaults over every enterprise whose conglomerate has no override,
    /// and one run per overriding conglomerate over its enterprises.
    /// </summary>
    public async Task<ScanPlan> LoadPlanAsync(CancellationToken ct)
    {
        var rows = await db.IndicatorSettings.AsNoTracking().ToListAsync(ct);
        var latest = rows.GroupBy(r => (r.ConglomerateId, Code: r.Code.ToUpperInvariant()))
            .Select(g => g.MaxBy(r => r.SettingsVersion)!).ToList();
        var enterprises = await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Enterprise && o.ParentId != null)
            .Select(o => new { o.Id, ConglomerateId = o.ParentId!.Value }).ToListAsync(ct);
        var byConglomerate = enterprises.GroupBy(e => e.ConglomerateId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<int>)g.Select(e => e.Id).ToArray());
        return new ScanPlan(latest, byConglomerate);
    }
}

public sealed class ScanPlan(IReadOnlyList<IndicatorSettings> latest, IReadOnlyDictionary<int, IReadOnlyCollection<int>> enterprisesByConglomerate)
{
    public IEnumerable<(ScanScope Scope, IndicatorParameters Parameters)> RunsFor(IIndicator indicator)
    {
        var overrides = latest.Where(s => string.Equals(s.Code, indicator.Code, StringComparison.OrdinalIgnoreCase)).ToList();
        var overridden = overrides.SelectMany(s => enterprisesByConglomerate.GetValueOrDefault(s.ConglomerateId) ?? []).ToHashSet();
        yield return (new ScanScope(null, null, overridden.Count == 0 ? null : overridden), new IndicatorParameters(indicator));
        foreach (var s in overrides)
        {
            if (enterprisesByConglomerate.GetValueOrDefault(s.ConglomerateId) is not { Count: > 0 } members) continue;
            yield return (new ScanScope(null, members), new IndicatorParameters(indicator, IndicatorParameters.Parse(s.ParametersJson)));
        }
    }
}
