using FluentValidation;
using MediatR;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// Announces the competition: the criteria in force are locked as the announced version and the application
/// window opens now and closes at the deadline (given here or at creation).
/// </summary>
public static class AnnounceCompetition
{
    public sealed record Command(int CompetitionId, DateTime? ApplicationDeadline = null, DateTime? PlannedDecisionDate = null) : IRequest<Result>;

    public sealed record Result(DateTime AnnouncedAt, DateTime ApplicationDeadline, int AnnouncedCriteriaVersion, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.PlannedDecisionDate).GreaterThan(c => c.ApplicationDeadline)
                .When(c => c.ApplicationDeadline is not null && c.PlannedDecisionDate is not null)
                .WithMessage("The decision date must come after the application deadline.");
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var competition = await db.FindForOrganiserAsync(actor, request.CompetitionId, cancellationToken);
            if (competition.Status != CompetitionStatus.Draft)
                throw new ConflictException("The competition has already been announced.");
            var now = clock.GetUtcNow().UtcDateTime;
            var deadline = request.ApplicationDeadline ?? competition.ApplicationDeadline
                ?? throw new DomainValidationException(nameof(Command.ApplicationDeadline), "An application deadline is required to announce the competition.");
            if (deadline <= now)
                throw new DomainValidationException(nameof(Command.ApplicationDeadline), "The application deadline must be in the future.");
            var planned = request.PlannedDecisionDate ?? competition.PlannedDecisionDate;
            if (planned is { } p && p <= deadline)
                throw new DomainValidationException(nameof(Command.PlannedDecisionDate), "The decision date must come after the application deadline.");

            competition.Status = CompetitionStatus.Announced;
            competition.AnnouncedAt = now;
            competition.ApplicationDeadline = deadline;
            competition.PlannedDecisionDate = planned;
            competition.AnnouncedCriteriaVersion = competition.CriteriaVersion;
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(now, deadline, competition.CriteriaVersion, competition.Version);
        }
    }
}
