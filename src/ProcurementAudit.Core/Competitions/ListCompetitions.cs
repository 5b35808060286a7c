using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

public static class ListCompetitions
{
    public sealed record Query(int? EnterpriseId = null, CompetitionStatus? Status = null, int Page = 1, int PageSize = 50) : IRequest<Page<CompetitionSummary>>;

    public sealed record CompetitionSummary(int Id, int EnterpriseId, string EnterpriseName, string Post, CompetitionStatus Status,
        DateTime? AnnouncedAt, DateTime? ApplicationDeadline, int CandidateCount);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.Status).IsInEnum();
        }
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor) : IRequestHandler<Query, Page<CompetitionSummary>>
    {
        public Task<Page<CompetitionSummary>> Handle(Query request, CancellationToken cancellationToken)
        {
            var query = db.Competitions.AsNoTracking();
            if (actor.ReadableEnterprises() is { } scope)
            {
                var competitions = actor.AccreditedCompetitions();
                var seats = actor.IsInRole(Roles.CommissionMember) ? actor.Id : null;
                query = query.Where(c => scope.Contains(c.EnterpriseId) || competitions.Contains(c.Id) || c.Commission.Any(m => m.UserId == seats));
            }
            if (request.EnterpriseId is { } enterprise) query = query.Where(c => c.EnterpriseId == enterprise);
            if (request.Status is { } status) query = query.Where(c => c.Status == status);
            return query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .Select(c => new CompetitionSummary(c.Id, c.EnterpriseId, c.Enterprise!.Name, c.Post, c.Status, c.AnnouncedAt, c.ApplicationDeadline, c.Candidates.Count))
                .ToPageAsync(request.Page, request.PageSize, cancellationToken);
        }
    }
}
