using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// The attendance log of a meeting (observers and members, present or absent), recorded once the meeting has begun;
/// recording a person again corrects their entry.
/// </summary>
public static class RecordAttendance
{
    public sealed record Command(int CompetitionId, int MeetingId, IReadOnlyList<AttendanceInput> Entries) : IRequest<Result>;

    public sealed record AttendanceInput(int? ObserverId, int? MemberId, bool Present);

    public sealed record Result(int MeetingId, int Present, int Absent);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Entries).NotEmpty();
            RuleForEach(c => c.Entries).Must(e => e.ObserverId is null != e.MemberId is null)
                .WithMessage("Each entry names either an observer or a commission member.");
            RuleFor(c => c.Entries).Must(e => e is null || e.Select(x => (x.ObserverId, x.MemberId)).Distinct().Count() == e.Count)
                .WithMessage("Each person appears once.");
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            await db.FindForOrganiserAsync(actor, request.CompetitionId, cancellationToken);
            var meeting = await db.Set<CompetitionMeeting>().Include(m => m.Attendance)
                .SingleOrDefaultAsync(m => m.Id == request.MeetingId && m.CompetitionId == request.CompetitionId, cancellationToken)
                ?? throw new NotFoundException("Meeting", request.MeetingId);
            if (meeting.ScheduledAt > clock.GetUtcNow().UtcDateTime)
                throw new ConflictException("Attendance is recorded once the meeting has begun.");
            var observers = await db.CompetitionObservers.Where(o => o.CompetitionId == request.CompetitionId).Select(o => o.Id).ToListAsync(cancellationToken);
            var members = await db.CommissionMembers.Where(m => m.CompetitionId == request.CompetitionId).Select(m => m.Id).ToListAsync(cancellationToken);
            for (var i = 0; i < request.Entries.Count; i++)
            {
                var entry = request.Entries[i];
                if (entry.ObserverId is { } o && !observers.Contains(o))
                    throw new DomainValidationException($"Entries[{i}].ObserverId", $"Observer {o} is not accredited to this competition.");
                if (entry.MemberId is { } m && !members.Contains(m))
                    throw new DomainValidationException($"Entries[{i}].MemberId", $"Member {m} does not sit on this commission.");
                var existing = meeting.Attendance.FirstOrDefault(a => a.ObserverId == entry.ObserverId && a.MemberId == entry.MemberId);
                if (existing is not null) existing.Present = entry.Present;
                else meeting.Attendance.Add(new MeetingAttendance { ObserverId = entry.ObserverId, MemberId = entry.MemberId, Present = entry.Present });
            }
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, request.CompetitionId), cancellationToken);
            return new Result(meeting.Id, meeting.Attendance.Count(a => a.Present), meeting.Attendance.Count(a => !a.Present));
        }
    }
}
