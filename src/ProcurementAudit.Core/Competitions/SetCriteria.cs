using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// Sets the criteria and weights. In draft the first version is replaced; after the announcement the announced
/// criteria stay locked and the change becomes a new version, kept in the history (and flagged C-CRITERIACHANGED).
/// Once scoring has begun the criteria cannot change: scores refer to the criteria they were given on.
/// </summary>
public static class SetCriteria
{
    public sealed record Command(int CompetitionId, IReadOnlyList<CreateCompetition.CriterionInput> Criteria) : IRequest<Result>;

    public sealed record Result(int CriteriaVersion, bool ChangedAfterAnnouncement, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Criteria).NotEmpty().Must(c => c is null || c.Count <= 50);
            RuleForEach(c => c.Criteria).ChildRules(c =>
            {
                c.RuleFor(x => x.Name).NotEmpty().MaximumLength(400);
                c.RuleFor(x => x.Weight).GreaterThan(0).LessThanOrEqualTo(100);
                c.RuleFor(x => x.MaxScore).InclusiveBetween(1, 100);
            });
            RuleFor(c => c.Criteria).Must(c => c is null || c.Count == 0 || c.Sum(x => x.Weight) == 100)
                .WithMessage("The criteria weights must add up to 100.");
            RuleFor(c => c.Criteria).Must(c => c is null || c.Select(x => (x.Name ?? "").Trim()).Distinct().Count() == c.Count)
                .WithMessage("Criterion names must be unique.");
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var competition = await db.FindForOrganiserAsync(actor, request.CompetitionId, cancellationToken);
            competition.RequireUndecided();
            if (await db.CandidateScores.AnyAsync(s => s.CompetitionId == competition.Id, cancellationToken))
                throw new ConflictException("Scoring has begun; the criteria can no longer change.");

            var now = clock.GetUtcNow().UtcDateTime;
            var afterAnnouncement = competition.Status != CompetitionStatus.Draft;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (afterAnnouncement)
            {
                competition.CriteriaVersion++;
            }
            else
            {
                // Draft: replace version 1. The old rows go first, as the new ones may reuse their names (unique index).
                db.CompetitionCriteria.RemoveRange(await db.CompetitionCriteria
                    .Where(c => c.CompetitionId == competition.Id && c.CriteriaVersion == competition.CriteriaVersion).ToListAsync(cancellationToken));
                await db.SaveChangesAsync(cancellationToken);
                db.Entry(competition).Property(c => c.CriteriaVersion).IsModified = true; // bumps the concurrency token
            }
            db.CompetitionCriteria.AddRange(request.Criteria.Select(c => new CompetitionCriterion
            {
                CompetitionId = competition.Id, CriteriaVersion = competition.CriteriaVersion, Name = c.Name.Trim(), Weight = c.Weight,
                MaxScore = c.MaxScore, CreatedAt = now,
            }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(competition.CriteriaVersion, afterAnnouncement, competition.Version);
        }
    }
}
