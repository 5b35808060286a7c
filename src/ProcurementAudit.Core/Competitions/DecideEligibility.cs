using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>Decides whether a candidate is eligible, with the reason; fixed once the candidate has been scored.</summary>
public static class DecideEligibility
{
    public sealed record Command(int CompetitionId, int CandidateId, EligibilityDecision Decision, string Reason) : IRequest<Result>;

    public sealed record Result(int CandidateId, EligibilityDecision Eligibility);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Decision).IsInEnum().NotEqual(EligibilityDecision.Pending).WithMessage("The decision is Eligible or Ineligible.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("An eligibility decision needs its reason.").MaximumLength(2000);
        }
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var competition = await db.FindForOrganiserAsync(actor, request.CompetitionId, cancellationToken);
            competition.RequireUndecided();
            var candidate = await db.Candidates.SingleOrDefaultAsync(c => c.Id == request.CandidateId && c.CompetitionId == competition.Id, cancellationToken)
                ?? throw new NotFoundException("Candidate", request.CandidateId);
            if (await db.CandidateScores.AnyAsync(s => s.CandidateId == candidate.Id, cancellationToken))
                throw new ConflictException("The candidate has been scored; the eligibility decision can no longer change.");
            candidate.Eligibility = request.Decision;
            candidate.EligibilityReason = request.Reason.Trim();
            if (request.Decision == EligibilityDecision.Ineligible) candidate.Shortlisted = false;
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(candidate.Id, candidate.Eligibility);
        }
    }
}
