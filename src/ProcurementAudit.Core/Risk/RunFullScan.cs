using FluentValidation;
using MediatR;
using ProcurementAudit.Core.Common;

namespace ProcurementAudit.Core.Risk;

/// <summary>Runs every indicator (or the listed codes) over every procedure and synchronises the flags.</summary>
public static class RunFullScan
{
    /// <param name="Codes">Only these indicators; null for all.</param>
    /// <param name="Actor">Who the flag history names (a job passes <c>system:job:&lt;id&gt;</c>); null for the current actor.</param>
    public sealed record Command(IReadOnlyList<string>? Codes = null, string? Actor = null) : IRequest<ScanReport>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IndicatorCatalog catalog) =>
            RuleForEach(c => c.Codes).Must(code => catalog.Find(code) is not null).WithMessage((_, code) => $"Unknown indicator code '{code}'.");
    }

    internal sealed class Handler(RiskScanner scanner, ICurrentActor actor) : IRequestHandler<Command, ScanReport>
    {
        public Task<ScanReport> Handle(Command request, CancellationToken cancellationToken) =>
            scanner.FullScanAsync(request.Codes, request.Actor ?? actor.Id, cancellationToken);
    }
}
