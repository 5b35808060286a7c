using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// The acting member's scores (candidate x criterion of the version in force), after the application deadline.
/// A submitted score is immutable: scoring the same candidate and criterion again is a 409 and nothing is written.
/// Only a declared, non-recused, voting member scores.
/// </summary>
public static class SubmitScores
{
    public sealed record Command(int CompetitionId, IReadOnlyList<ScoreInput> Scores) : IRequest<Result>;

    public sealed record ScoreInput(int CandidateId, int CriterionId, int Value);

    public sealed record Result(int MemberId, int Submitted, int Remaining);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Scores).NotEmpty().Must(s => s is null || s.Count <= 5000);
            RuleFor(c => c.Scores).Must(s => s is null || s.Select(x => (x.CandidateId, x.CriterionId)).Distinct().Count() == s.Count)
                .WithMessage("Each candidate and criterion is scored once.");
            RuleForEach(c => c.Scores).ChildRules(s => s.RuleFor(x => x.Value).GreaterThanOrEqualTo(0));
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var competition = await db.FindAsync(request.CompetitionId, cancellationToken);
            competition.RequireUndecided();
            var member = (await CompetitionViewer.ResolveAsync(db, actor, competition, cancellationToken)).Member
                ?? throw new ForbiddenException("Only members of this competition's commission may score.");
            if (member.DeclarationFiledAt is null) throw new ForbiddenException("File your conflict-of-interest declaration before scoring.");
            if (member.RecusedAt is not null) throw new ForbiddenException("A recused member may not score.");
            if (!member.Voting) throw new ForbiddenException("A non-voting member does not score.");
            var now = clock.GetUtcNow().UtcDateTime;
            competition.RequireAnnounced();
            if (now <= competition.ApplicationDeadline)
                throw new ConflictException($"Scoring opens after the application deadline ({competition.ApplicationDeadline:u}).");

            var criteria = (await CompetitionRanking.CurrentCriteriaAsync(db, competition, cancellationToken)).ToDictionary(c => c.Id);
            var eligible = (await db.Candidates.AsNoTracking().Where(c => c.CompetitionId == competition.Id && c.Eligibility == EligibilityDecision.Eligible)
                .Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
            for (var i = 0; i < request.Scores.Count; i++)
            {
                var score = request.Scores[i];
                if (!eligible.Contains(score.CandidateId))
                    throw new DomainValidationException($"Scores[{i}].CandidateId", $"Candidate {score.CandidateId} is not an eligible candidate of this competition.");
                if (!criteria.TryGetValue(score.CriterionId, out var criterion))
                    throw new DomainValidationException($"Scores[{i}].CriterionId", $"Criterion {score.CriterionId} is not in the criteria in force (version {competition.CriteriaVersion}).");
                if (score.Value > criterion.MaxScore)
                    throw new DomainValidationException($"Scores[{i}].Value", $"The score for '{criterion.Name}' is at most {criterion.MaxScore}.");
            }
            var own = (await db.CandidateScores.Where(s => s.MemberId == member.Id).Select(s => new { s.CandidateId, s.CriterionId }).ToListAsync(cancellationToken))
                .Select(s => (s.CandidateId, s.CriterionId)).ToHashSet();
            if (request.Scores.Any(s => own.Contains((s.CandidateId, s.CriterionId))))
                throw new ConflictException("A submitted score cannot be changed; at least one of these scores was already submitted.");

            db.CandidateScores.AddRange(request.Scores.Select(s => new CandidateScore
            {
                CompetitionId = competition.Id, MemberId = member.Id, CandidateId = s.CandidateId, CriterionId = s.CriterionId, Value = s.Value, SubmittedAt = now,
            }));
            if (competition.Status is CompetitionStatus.Announced or CompetitionStatus.ApplicationsClosed) competition.Status = CompetitionStatus.Scoring;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
            {
                // A concurrent submission of the same score hit the unique index first.
                throw new ConflictException("A submitted score cannot be changed; at least one of these scores was already submitted.");
            }
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            var remaining = eligible.Count * criteria.Count - own.Count - request.Scores.Count;
            return new Result(member.Id, request.Scores.Count, Math.Max(0, remaining));
        }
    }
}
