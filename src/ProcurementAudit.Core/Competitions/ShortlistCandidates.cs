using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>Sets the shortlist (the finalists put to the appointing body): eligible candidates only; replaces the previous one.</summary>
public static class ShortlistCandidates
{
    public sealed record Command(int CompetitionId, IReadOnlyList<int> CandidateIds) : IRequest<Result>;

    public sealed record Result(IReadOnlyList<int> Finalists);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CandidateIds).NotEmpty().Must(ids => ids is null || ids.Distinct().Count() == ids.Count).WithMessage("Candidate ids must be distinct.");
        }
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var competition = await db.FindForOrganiserAsync(actor, request.CompetitionId, cancellationToken);
            competition.RequireUndecided();
            var candidates = await db.Candidates.Where(c => c.CompetitionId == competition.Id).ToListAsync(cancellationToken);
            foreach (var id in request.CandidateIds)
            {
                var candidate = candidates.FirstOrDefault(c => c.Id == id)
                    ?? throw new DomainValidationException(nameof(Command.CandidateIds), $"Candidate {id} did not apply to this competition.");
                if (candidate.Eligibility != EligibilityDecision.Eligible)
                    throw new DomainValidationException(nameof(Command.CandidateIds), $"Candidate {id} is not eligible and cannot be a finalist.");
            }
            foreach (var candidate in candidates) candidate.Shortlisted = request.CandidateIds.Contains(candidate.Id);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(request.CandidateIds.Order().ToList());
        }
    }
}
