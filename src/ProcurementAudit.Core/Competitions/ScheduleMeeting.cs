using FluentValidation;
using MediatR;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>Puts a commission meeting on the competition's calendar so observers can attend.</summary>
public static class ScheduleMeeting
{
    public sealed record Command(int CompetitionId, DateTime ScheduledAt, string Agenda) : IRequest<Result>;

    public sealed record Result(int Id);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Agenda).NotEmpty().MaximumLength(400);
            RuleFor(c => c.ScheduledAt).NotEmpty();
        }
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var competition = await db.FindForOrganiserAsync(actor, request.CompetitionId, cancellationToken);
            competition.RequireOpen();
            var meeting = new CompetitionMeeting
            {
                CompetitionId = competition.Id,
                ScheduledAt = request.ScheduledAt.Kind == DateTimeKind.Utc ? request.ScheduledAt : request.ScheduledAt.ToUniversalTime(),
                Agenda = request.Agenda.Trim(),
            };
            competition.Meetings.Add(meeting);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(meeting.Id);
        }
    }
}
