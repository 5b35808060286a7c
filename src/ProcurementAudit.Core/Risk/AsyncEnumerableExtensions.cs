namespace ProcurementAudit.Core.Risk;

internal static class AsyncEnumerableExtensions
{
    public static async Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken)) list.Add(item);
        return list;
    }

    /// <summary>Groups consecutive items with equal keys of a stream ordered by that key, holding one group at a time.</summary>
    public static async IAsyncEnumerable<List<T>> GroupAdjacentAsync<T, TKey>(this IAsyncEnumerable<T> source, Func<T, TKey> key,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var comparer = EqualityComparer<TKey>.Default;
        List<T>? group = null;
        TKey current = default!;
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            var k = key(item);
            if (group is not null && comparer.Equals(k, current))
            {
                group.Add(item);
                continue;
            }
            if (group is not null) yield return group;
            group = [item];
            current = k;
        }
        if (group is not null) yield return group;
    }
}
