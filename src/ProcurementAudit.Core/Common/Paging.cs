using Microsoft.EntityFrameworkCore;

namespace ProcurementAudit.Core.Common;

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public int TotalPages => PageSize == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}

public static class Paging
{
    public const int MaxPageSize = 200;

    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, int page, int pageSize, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Page<T>(items, page, pageSize, total);
    }
}
