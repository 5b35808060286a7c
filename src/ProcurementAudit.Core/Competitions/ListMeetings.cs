using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>The meeting calendar with each meeting's attendance log (observer organisations and commission members).</summary>
public static class ListMeetings
{
    public sealed record Query(int CompetitionId) : IRequest<IReadOnlyList<MeetingView>>;

    public sealed record MeetingView(int Id, DateTime ScheduledAt, string Agenda, IReadOnlyList<AttendanceView> Attendance);

    public sealed record AttendanceView(int? ObserverId, int? MemberId, string Name, bool Present);

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor) : IRequestHandler<Query, IReadOnlyList<MeetingView>>
    {
        public async Task<IReadOnlyList<MeetingView>> Handle(Query request, CancellationToken cancellationToken)
        {
            await CompetitionViewer.ResolveAsync(db, actor, request.CompetitionId, cancellationToken);
            var meetings = await db.Set<CompetitionMeeting>().AsNoTracking().Include(m => m.Attendance)
                .Where(m => m.CompetitionId == request.CompetitionId).OrderBy(m => m.ScheduledAt).ThenBy(m => m.Id).ToListAsync(cancellationToken);
            var observers = await db.CompetitionObservers.AsNoTracking().Where(o => o.CompetitionId == request.CompetitionId)
                .ToDictionaryAsync(o => o.Id, o => o.OrganisationName, cancellationToken);
            var members = await db.CommissionMembers.AsNoTracking().Where(m => m.CompetitionId == request.CompetitionId)
                .ToDictionaryAsync(m => m.Id, m => m.FullName, cancellationToken);
            return meetings.Select(m => new MeetingView(m.Id, m.ScheduledAt, m.Agenda, m.Attendance.OrderBy(a => a.Id)
                .Select(a => new AttendanceView(a.ObserverId, a.MemberId,
                    a.ObserverId is { } o ? observers[o] : members[a.MemberId!.Value], a.Present)).ToList())).ToList();
        }
    }
}
