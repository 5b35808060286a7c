using MediatR;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>Runs the indicators of one procedure's kind over it (and its flag groups) and synchronises the flags.</summary>
public static class RescanProcedure
{
    public sealed record Command(ProcedureKind Kind, int ProcedureId, string? Actor = null) : IRequest<ScanReport>;

    internal sealed class Handler(RiskScanner scanner, ICurrentActor actor) : IRequestHandler<Command, ScanReport>
    {
        public Task<ScanReport> Handle(Command request, CancellationToken cancellationToken) =>
            scanner.RescanAsync(request.Kind, request.ProcedureId, request.Actor ?? actor.Id, cancellationToken);
    }
}
