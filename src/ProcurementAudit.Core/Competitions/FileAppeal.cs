using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>Records an appeal (by a candidate, or without one, e.g. from an observer) against the competition.</summary>
public static class FileAppeal
{
    public sealed record Command(int CompetitionId, string Grounds, int? CandidateId = null) : IRequest<Result>;

    public sealed record Result(int Id, DateTime FiledAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Grounds).NotEmpty().MaximumLength(400);
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var competition = await db.FindForOrganiserAsync(actor, request.CompetitionId, cancellationToken);
            competition.RequireOpen();
            competition.RequireAnnounced();
            if (request.CandidateId is { } candidateId && !await db.Candidates.AnyAsync(c => c.Id == candidateId && c.CompetitionId == competition.Id, cancellationToken))
                throw new DomainValidationException(nameof(Command.CandidateId), $"Candidate {candidateId} did not apply to this competition.");
            var appeal = new CompetitionAppeal
            {
                CompetitionId = competition.Id, CandidateId = request.CandidateId, Grounds = request.Grounds.Trim(), FiledAt = clock.GetUtcNow().UtcDateTime,
            };
            competition.Appeals.Add(appeal);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(appeal.Id, appeal.FiledAt);
        }
    }
}
