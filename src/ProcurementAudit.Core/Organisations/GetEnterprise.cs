using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Organisations;

public static class GetEnterprise
{
    public sealed record Query(int Id) : IRequest<Result>;

    public sealed record Official(string FullName, string Role, string Title);

    public sealed record Result(int Id, string Name, string Edrpou, string? Region, string? Address, int? ConglomerateId,
        string? ConglomerateName, IReadOnlyList<Official> Officials, int TenderCount, int AuctionCount, int CompetitionCount);

    internal sealed class Handler(AuditDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var result = await db.Organisations.AsNoTracking()
                .Where(o => o.Id == request.Id && o.Kind == OrganisationKind.Enterprise)
                .Select(o => new Result(o.Id, o.Name, o.Edrpou, o.Region, o.Address, o.ParentId,
                    o.Parent != null ? o.Parent.Name : null,
                    o.Officials.Where(x => x.To == null).OrderBy(x => x.Role).Select(x => new Official(x.Person!.FullName, x.Role.ToString(), x.Title)).ToList(),
                    db.Tenders.Count(t => t.EnterpriseId == o.Id),
                    db.LeaseAuctions.Count(a => a.EnterpriseId == o.Id),
                    db.Competitions.Count(c => c.EnterpriseId == o.Id)))
                .SingleOrDefaultAsync(cancellationToken);
            return result ?? throw new NotFoundException("Enterprise", request.Id);
        }
    }
}
