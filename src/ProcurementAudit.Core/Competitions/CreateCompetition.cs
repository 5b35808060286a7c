using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>Creates a director competition in draft with its first criteria version; the weights add up to 100.</summary>
public static class CreateCompetition
{
    public sealed record Command(int EnterpriseId, string Post, DateTime? ApplicationDeadline, DateTime? PlannedDecisionDate,
        IReadOnlyList<CriterionInput> Criteria) : IRequest<Result>;

    public sealed record CriterionInput(string Name, decimal Weight, int MaxScore = 10);

    public sealed record Result(int Id, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.EnterpriseId).GreaterThan(0);
            RuleFor(c => c.Post).NotEmpty().MaximumLength(400);
            RuleFor(c => c.PlannedDecisionDate).GreaterThan(c => c.ApplicationDeadline)
                .When(c => c.ApplicationDeadline is not null && c.PlannedDecisionDate is not null)
                .WithMessage("The decision date must come after the application deadline.");
            RuleFor(c => c.Criteria).NotEmpty().Must(c => c is null || c.Count <= 50);
            RuleForEach(c => c.Criteria).ChildRules(c =>
            {
                c.RuleFor(x => x.Name).NotEmpty().MaximumLength(400);
                c.RuleFor(x => x.Weight).GreaterThan(0).LessThanOrEqualTo(100);
                c.RuleFor(x => x.MaxScore).InclusiveBetween(1, 100);
            });
            RuleFor(c => c.Criteria).Must(c => c is null || c.Count == 0 || c.Sum(x => x.Weight) == 100)
                .WithMessage("The criteria weights must add up to 100.");
            RuleFor(c => c.Criteria).Must(c => c is null || c.Select(x => x.Name.Trim()).Distinct().Count() == c.Count)
                .WithMessage("Criterion names must be unique.");
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            if (!await db.Organisations.AnyAsync(o => o.Id == request.EnterpriseId && o.Kind == OrganisationKind.Enterprise, cancellationToken))
                throw new DomainValidationException(nameof(Command.EnterpriseId), $"Enterprise {request.EnterpriseId} does not exist.");
            actor.EnsureCanCreateFor(request.EnterpriseId);
            var now = clock.GetUtcNow().UtcDateTime;
            var competition = new Competition
            {
                EnterpriseId = request.EnterpriseId,
                Post = request.Post.Trim(),
                Status = CompetitionStatus.Draft,
                ApplicationDeadline = request.ApplicationDeadline,
                PlannedDecisionDate = request.PlannedDecisionDate,
                CriteriaVersion = 1,
                CreatedAt = now,
                CreatedBy = actor.Id,
                Criteria = request.Criteria.Select(c => new CompetitionCriterion
                {
                    CriteriaVersion = 1, Name = c.Name.Trim(), Weight = c.Weight, MaxScore = c.MaxScore, CreatedAt = now,
                }).ToList(),
            };
            db.Competitions.Add(competition);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(competition.Id, competition.Version);
        }
    }
}
