using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// An accredited observer's written opinion (support, concern, objection). The organiser must answer within the
/// configured number of working days (weekends and configured public holidays do not count).
/// </summary>
public static class FileOpinion
{
    public sealed record Command(int CompetitionId, OpinionKind Kind, string Text) : IRequest<Result>;

    public sealed record Result(int Id, DateTime FiledAt, DateTime AnswerDueAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).IsInEnum();
            RuleFor(c => c.Text).NotEmpty().MaximumLength(4000);
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, CompetitionOptions options, IMediator mediator)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var competition = await db.FindAsync(request.CompetitionId, cancellationToken);
            var observer = (await CompetitionViewer.ResolveAsync(db, actor, competition, cancellationToken)).Observer
                ?? throw new ForbiddenException("Only an observer accredited to this competition may file an opinion.");
            competition.RequireAnnounced();
            var now = clock.GetUtcNow().UtcDateTime;
            var opinion = new ObserverOpinion
            {
                CompetitionId = competition.Id, ObserverId = observer.Id, Kind = request.Kind, Text = request.Text.Trim(), FiledAt = now,
                AnswerDueAt = options.Calendar().DeadlineAfter(now, options.OpinionAnswerWorkingDays),
            };
            db.ObserverOpinions.Add(opinion);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(opinion.Id, opinion.FiledAt, opinion.AnswerDueAt);
        }
    }
}
