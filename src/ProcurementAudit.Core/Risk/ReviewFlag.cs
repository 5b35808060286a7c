using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>
/// An auditor confirms or dismisses an open flag with a written reason. The officer who logged the procedure may not
/// review its flags; a flag is reviewed once (a cleared and reopened flag needs a new review).
/// </summary>
public static class ReviewFlag
{
    public const string Confirm = "confirm";
    public const string Dismiss = "dismiss";

    public sealed record Command(long FlagId, string? Decision, string? Reason) : IRequest<Result>;

    public sealed record Result(long Id, FlagStatus Status, string ReviewedBy, DateTime ReviewedAt, string ReviewReason, int Version);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Decision).NotEmpty()
                .Must(d => d is not null && (d.Equals(Confirm, StringComparison.OrdinalIgnoreCase) || d.Equals(Dismiss, StringComparison.OrdinalIgnoreCase)))
                .WithMessage("Decision must be 'confirm' or 'dismiss'.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("A review needs a written reason.")
                .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("A review needs a written reason.")
                .MaximumLength(4000);
        }
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var flag = await db.Flags.SingleOrDefaultAsync(f => f.Id == request.FlagId, cancellationToken)
                       ?? throw new NotFoundException("Flag", request.FlagId);
            if (flag.Status is FlagStatus.Confirmed or FlagStatus.Dismissed)
                throw new ConflictException($"Flag {flag.Id} was already reviewed ({flag.Status.ToString().ToLowerInvariant()}) by {flag.ReviewedBy}.");
            if (flag.Status == FlagStatus.Cleared)
                throw new ConflictException($"Flag {flag.Id} was cleared by a data change; there is nothing to review unless it fires again.");

            var loggedBy = await LoggedByAsync(flag.ProcedureKind, flag.ProcedureId, cancellationToken);
            if (loggedBy is not null && string.Equals(loggedBy, actor.Id, StringComparison.OrdinalIgnoreCase))
                throw new ForbiddenException("The officer who logged the procedure may not review its flags.");

            var now = clock.GetUtcNow().UtcDateTime;
            var confirm = request.Decision!.Equals(Confirm, StringComparison.OrdinalIgnoreCase);
            var reason = request.Reason!.Trim();
            flag.Status = confirm ? FlagStatus.Confirmed : FlagStatus.Dismissed;
            flag.ReviewedBy = actor.Id;
            flag.ReviewedAt = now;
            flag.ReviewReason = reason;
            db.FlagEvents.Add(new FlagEvent { FlagId = flag.Id, Kind = confirm ? FlagEventKind.Confirmed : FlagEventKind.Dismissed, At = now, Actor = actor.Id, Text = reason });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Reviewed (or cleared by a scan) at the same moment: the second review loses.
                throw new ConflictException($"Flag {flag.Id} changed while you reviewed it; read it again.");
            }
            return new Result(flag.Id, flag.Status, actor.Id, now, reason, flag.Version);
        }

        private async Task<string?> LoggedByAsync(ProcedureKind kind, int id, CancellationToken ct) => kind switch
        {
            ProcedureKind.Tender => await db.Tenders.Where(t => t.Id == id).Select(t => t.CreatedBy).FirstOrDefaultAsync(ct),
            ProcedureKind.Auction => await db.LeaseAuctions.Where(a => a.Id == id).Select(a => a.CreatedBy).FirstOrDefaultAsync(ct),
            _ => await db.Competitions.Where(c => c.Id == id).Select(c => c.CreatedBy).FirstOrDefaultAsync(ct),
        };
    }
}
