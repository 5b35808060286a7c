using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Common;

/// <summary>
/// Who may reach which enterprise's and competition's data. Reads out of scope look like "not found" (existence is
/// not revealed); writes out of scope are forbidden.
/// </summary>
public static class AccessScope
{
    /// <summary>Auditors, administrators and the system read everything.</summary>
    public static bool ReadsEverything(this ICurrentActor actor) =>
        actor.IsSystem || actor.IsInRole(Roles.Auditor) || actor.IsInRole(Roles.Administrator);

    /// <summary>Enterprises whose procedures the actor may read; null means all.</summary>
    public static IReadOnlyCollection<int>? ReadableEnterprises(this ICurrentActor actor) => actor.ReadsEverything()
        ? null
        : actor.Grants.Where(g => g.Kind is AccessKind.OfficerOfEnterprise && actor.IsInRole(Roles.ProcurementOfficer)
                               || g.Kind is AccessKind.MonitorOfEnterprise && actor.IsInRole(Roles.Monitor))
            .Select(g => g.TargetId).Distinct().ToList();

    /// <summary>Competitions the actor is accredited to individually (beyond whole enterprises).</summary>
    public static IReadOnlyCollection<int> AccreditedCompetitions(this ICurrentActor actor) => actor.IsInRole(Roles.Monitor)
        ? actor.Grants.Where(g => g.Kind == AccessKind.MonitorOfCompetition).Select(g => g.TargetId).Distinct().ToList()
        : [];

    public static bool CanRead(this ICurrentActor actor, int? enterpriseId) =>
        actor.ReadableEnterprises() is not { } scope || (enterpriseId is { } id && scope.Contains(id));

    /// <summary>Procedure data is changed only by the enterprise's procurement officers (and the system).</summary>
    public static bool CanEdit(this ICurrentActor actor, int? enterpriseId) =>
        actor.IsSystem || (actor.IsInRole(Roles.ProcurementOfficer) && enterpriseId is { } id
            && actor.Grants.Any(g => g.Kind == AccessKind.OfficerOfEnterprise && g.TargetId == id));

    /// <summary>A write out of the actor's scope is forbidden (403), whether or not they may read it.</summary>
    public static void EnsureCanEdit(this ICurrentActor actor, int? enterpriseId, string resource, object id)
    {
        if (!actor.CanEdit(enterpriseId)) throw new ForbiddenException($"You may not change {resource.ToLowerInvariant()} {id}.");
    }

    public static void EnsureCanRead(this ICurrentActor actor, int? enterpriseId, string resource, object id)
    {
        if (!actor.CanRead(enterpriseId)) throw new NotFoundException(resource, id);
    }

    /// <summary>Creating a procedure for an enterprise: out of the officer's enterprises it is forbidden.</summary>
    public static void EnsureCanCreateFor(this ICurrentActor actor, int enterpriseId)
    {
        if (!actor.CanEdit(enterpriseId)) throw new ForbiddenException($"You may not log procedures for enterprise {enterpriseId}.");
    }

    /// <summary>
    /// A competition is readable in the enterprise's scope, by an observer accredited to it, or by a commission
    /// member holding a seat in it (the seat check happens where members are loaded).
    /// </summary>
    public static bool CanReadCompetition(this ICurrentActor actor, int enterpriseId, int competitionId) =>
        actor.CanRead(enterpriseId) || actor.AccreditedCompetitions().Contains(competitionId);
}
