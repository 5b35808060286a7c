using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// What the current actor is to one competition. A commission seat and an observer accreditation are bound to a
/// user id, so being a member or an observer is a fact of the competition, not a role claim alone.
/// Out of scope, the competition does not exist (404); in scope but not allowed, 403.
/// </summary>
internal sealed record CompetitionViewer(int CompetitionId, bool Organiser, bool Auditor, CommissionMember? Member, CompetitionObserver? Observer, bool Accredited)
{
    /// <summary>A member who filed the declaration and is not recused: may see applications and score.</summary>
    public bool ActiveMember => Member is { DeclarationFiledAt: not null, RecusedAt: null };

    /// <summary>Accredited to this competition as an observer (an observer record or a per-competition monitor grant).</summary>
    public bool IsObserver => Observer is not null || Accredited;

    /// <summary>Candidates' personal data: the commission (declared, not recused), accredited observers, auditors.</summary>
    public bool SeesPersonalData => Auditor || ActiveMember || IsObserver;

    public static async Task<CompetitionViewer> ResolveAsync(AuditDbContext db, ICurrentActor actor, int competitionId, CancellationToken ct)
    {
        var enterpriseId = await db.Competitions.Where(c => c.Id == competitionId).Select(c => (int?)c.EnterpriseId).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Competition", competitionId);
        return await ResolveAsync(db, actor, competitionId, enterpriseId, ct);
    }

    public static Task<CompetitionViewer> ResolveAsync(AuditDbContext db, ICurrentActor actor, Competition competition, CancellationToken ct) =>
        ResolveAsync(db, actor, competition.Id, competition.EnterpriseId, ct);

    private static async Task<CompetitionViewer> ResolveAsync(AuditDbContext db, ICurrentActor actor, int competitionId, int enterpriseId, CancellationToken ct)
    {
        var member = actor.IsSystem || !actor.IsInRole(Roles.CommissionMember) ? null
            : await db.CommissionMembers.AsNoTracking().FirstOrDefaultAsync(m => m.CompetitionId == competitionId && m.UserId == actor.Id, ct);
        var observer = actor.IsSystem || !actor.IsInRole(Roles.Monitor) ? null
            : await db.CompetitionObservers.AsNoTracking().FirstOrDefaultAsync(o => o.CompetitionId == competitionId && o.UserId == actor.Id, ct);
        var accredited = !actor.IsSystem && actor.AccreditedCompetitions().Contains(competitionId);
        if (member is null && observer is null && !actor.CanReadCompetition(enterpriseId, competitionId))
            throw new NotFoundException("Competition", competitionId);
        return new CompetitionViewer(competitionId, actor.CanEdit(enterpriseId), actor.IsSystem || actor.IsInRole(Roles.Auditor), member, observer, accredited);
    }

    public void RequireOrganiser()
    {
        if (!Organiser)
            throw new ForbiddenException("Only the organiser (a procurement officer of the enterprise) may do this.");
    }

    /// <summary>Applications: members must have declared first; a recused member has no access; others in scope see labels.</summary>
    public void RequireApplicationsAccess()
    {
        if (Member is { DeclarationFiledAt: null } && !Auditor)
            throw new ForbiddenException("File your conflict-of-interest declaration before seeing the applications.");
        if (Member is { RecusedAt: not null } && !Auditor)
            throw new ForbiddenException("A recused commission member has no access to the applications.");
    }
}

internal static class CompetitionLoad
{
    public static async Task<Competition> FindAsync(this AuditDbContext db, int id, CancellationToken ct) =>
        await db.Competitions.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Competition", id);

    /// <summary>Loads the competition for a change by its organiser; anyone else gets 403.</summary>
    public static async Task<Competition> FindForOrganiserAsync(this AuditDbContext db, ICurrentActor actor, int id, CancellationToken ct)
    {
        var competition = await db.FindAsync(id, ct);
        // A write out of the caller's scope is 403 (as for tenders and auctions), whether or not they may read it.
        if (!actor.CanEdit(competition.EnterpriseId))
            throw new ForbiddenException("Only the organiser (a procurement officer of the enterprise) may do this.");
        return competition;
    }

    public static void RequireOpen(this Competition competition)
    {
        if (competition.Status is CompetitionStatus.Cancelled)
            throw new ConflictException("The competition is cancelled.");
    }

    public static void RequireUndecided(this Competition competition)
    {
        competition.RequireOpen();
        if (competition.Status is CompetitionStatus.Decided or CompetitionStatus.Published)
            throw new ConflictException("The appointing body has already decided this competition.");
    }

    public static void RequireAnnounced(this Competition competition)
    {
        if (competition.Status is CompetitionStatus.Draft || competition.AnnouncedAt is null)
            throw new ConflictException("The competition has not been announced yet.");
    }
}
