using MediatR;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>The indicator catalogue: codes, titles, versions, parameters with defaults and ranges, weights.</summary>
public static class ListIndicators
{
    public sealed record Query : IRequest<IReadOnlyList<Item>>;

    public sealed record Parameter(string Name, ParameterKind Kind, decimal Default, decimal Min, decimal? Max, string Description);

    public sealed record Item(string Code, string Title, ProcedureKind ProcedureKind, int Version, string Description, decimal Weight, IReadOnlyList<Parameter> Parameters);

    internal sealed class Handler(IndicatorCatalog catalog, RiskOptions options) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Item>>([.. catalog.All.Select(i => Describe(i, options))]);
    }

    internal static Item Describe(IIndicator i, RiskOptions options) =>
        new(i.Code, i.Title, i.ProcedureKind, i.Version, i.Description, options.WeightOf(i.Code),
            [.. i.Parameters.Select(p => new Parameter(p.Name, p.Kind, p.Default, p.Min, p.EffectiveMax, p.Description))]);
}
