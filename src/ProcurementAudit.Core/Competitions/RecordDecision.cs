using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// The appointing body's decision. The appointee must be eligible; appointing anyone other than the top-ranked
/// candidate (any candidate sharing rank 1) requires a written reason.
/// </summary>
public static class RecordDecision
{
    public sealed record Command(int CompetitionId, int AppointedCandidateId, string AppointingBody, string? DepartureReason = null,
        DateTime? DecidedAt = null) : IRequest<Result>;

    public sealed record Result(int Id, bool DepartsFromRanking, IReadOnlyList<int> TopRanked);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.AppointingBody).NotEmpty().MaximumLength(400);
            RuleFor(c => c.DepartureReason).MaximumLength(4000);
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var competition = await db.FindForOrganiserAsync(actor, request.CompetitionId, cancellationToken);
            competition.RequireUndecided();
            competition.RequireAnnounced();
            var now = clock.GetUtcNow().UtcDateTime;
            if (now <= competition.ApplicationDeadline)
                throw new ConflictException("The decision comes after the application deadline.");
            var decidedAt = request.DecidedAt ?? now;
            if (decidedAt > now || decidedAt < competition.ApplicationDeadline)
                throw new DomainValidationException(nameof(Command.DecidedAt), "The decision date lies between the application deadline and now.");
            var appointee = await db.Candidates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.AppointedCandidateId && c.CompetitionId == competition.Id, cancellationToken)
                ?? throw new DomainValidationException(nameof(Command.AppointedCandidateId), $"Candidate {request.AppointedCandidateId} did not apply to this competition.");
            if (appointee.Eligibility != EligibilityDecision.Eligible)
                throw new DomainValidationException(nameof(Command.AppointedCandidateId), "Only an eligible candidate can be appointed.");

            var ranking = await CompetitionRanking.ForCompetitionAsync(db, competition, cancellationToken);
            if (ranking.Count == 0)
                throw new ConflictException("There is no ranking yet: the commission has not scored the candidates.");
            var top = ranking.Where(r => r.Rank == 1).Select(r => r.CandidateId).ToList();
            var departs = !top.Contains(appointee.Id);
            if (departs && string.IsNullOrWhiteSpace(request.DepartureReason))
                throw new DomainValidationException(nameof(Command.DepartureReason),
                    "The appointee is not the top-ranked candidate; the appointing body must give a written reason.");

            var decision = new CompetitionDecision
            {
                CompetitionId = competition.Id, AppointedCandidateId = appointee.Id, AppointingBody = request.AppointingBody.Trim(),
                DecidedAt = decidedAt, DepartureReason = departs ? request.DepartureReason!.Trim() : Blank(request.DepartureReason),
            };
            db.CompetitionDecisions.Add(decision);
            competition.Status = CompetitionStatus.Decided;
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(decision.Id, departs, top);
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
