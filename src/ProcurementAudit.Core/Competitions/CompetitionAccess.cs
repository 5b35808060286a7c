using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>The application roles (Entra ID app roles) the competition rules refer to.</summary>
public static class AppRoles
{
    public const string Administrator = "Administrator";
    public const string Auditor = "Auditor";
    public const string Monitor = "Monitor";
    public const string ProcurementOfficer = "ProcurementOfficer";
    public const string CommissionMember = "CommissionMember";
}

/// <summary>
/// What the current actor is to one competition. A commission seat or an observer accreditation is bound to a
/// user id, so being a member or an observer is a fact of the competition, not a role claim alone.
/// </summary>
internal sealed record CompetitionViewer(bool Organiser, bool Auditor, CommissionMember? Member, CompetitionObserver? Observer)
{
    /// <summary>A member who filed the declaration and is not recused: may see applications and score.</summary>
    public bool ActiveMember => Member is { DeclarationFiledAt: not null, RecusedAt: null };

    /// <summary>Candidates' personal data: the commission (declared, not recused), accredited observers, auditors.</summary>
    public bool SeesPersonalData => Auditor || ActiveMember || Observer is not null;

    public static async Task<CompetitionViewer> ResolveAsync(AuditDbContext db, ICurrentActor actor, int competitionId, CancellationToken ct)
    {
        var member = await db.CommissionMembers.AsNoTracking().FirstOrDefaultAsync(m => m.CompetitionId == competitionId && m.UserId == actor.Id, ct);
        var observer = await db.CompetitionObservers.AsNoTracking().FirstOrDefaultAsync(o => o.CompetitionId == competitionId && o.UserId == actor.Id, ct);
        return new CompetitionViewer(IsOrganiser(actor), actor.IsInRole(AppRoles.Auditor), member, observer);
    }

    public static bool IsOrganiser(ICurrentActor actor) =>
        actor.IsInRole(AppRoles.ProcurementOfficer) || actor.IsInRole(AppRoles.Administrator);

    public static void RequireOrganiser(ICurrentActor actor)
    {
        if (!IsOrganiser(actor))
            throw new ForbiddenException("Only the organiser (a procurement officer or an administrator) may do this.");
    }

    /// <summary>Applications: members must have declared first; a recused member has no access.</summary>
    public void RequireApplicationsAccess()
    {
        if (SeesPersonalData || Organiser) return;
        if (Member is { DeclarationFiledAt: null })
            throw new ForbiddenException("File your conflict-of-interest declaration before seeing the applications.");
        if (Member is { RecusedAt: not null })
            throw new ForbiddenException("A recused commission member has no access to the applications.");
        throw new ForbiddenException("Applications are visible to the commission, accredited observers, auditors and the organiser only.");
    }
}

internal static class CompetitionLoad
{
    public static async Task<Competition> FindAsync(this AuditDbContext db, int id, CancellationToken ct) =>
        await db.Competitions.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Competition", id);

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
