using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>Every registered indicator, by code.</summary>
public sealed class IndicatorCatalog(IEnumerable<IIndicator> indicators)
{
    private readonly Dictionary<string, IIndicator> byCode = indicators.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<IIndicator> All { get; } = [.. indicators.OrderBy(i => i.ProcedureKind).ThenBy(i => i.Code, StringComparer.Ordinal)];

    public IIndicator? Find(string code) => byCode.GetValueOrDefault(code);

    public IEnumerable<IIndicator> For(ProcedureKind kind) => All.Where(i => i.ProcedureKind == kind);
}
