using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Ocds.Import;

/// <summary>
/// Upserts mapped tenders by ocid in batches: one transaction and a few SaveChanges per batch, change tracking
/// cleared after each, parties looked up once per run through a cache. An existing tender keeps its id (flags
/// point at it) and gets its children replaced. A batch that fails is rolled back and retried tender by tender,
/// so one bad tender is skipped with its reason and never half-written.
/// </summary>
internal sealed class TenderBatchWriter(AuditDbContext db, TimeProvider clock, OcdsImportOptions options, ImportSummary summary)
{
    private readonly Dictionary<string, int> _partyIds = new(StringComparer.Ordinal);
    private Dictionary<string, int>? _enterprises;

    /// <summary>Tenders written by the last call, with whether each was new.</summary>
    public List<(int Id, bool Created)> Written { get; } = [];

    public async Task WriteAsync(IReadOnlyList<OcdsTender> batch, CancellationToken ct)
    {
        Written.Clear();
        _enterprises ??= await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Enterprise)
            .ToDictionaryAsync(o => o.Edrpou, o => o.Id, StringComparer.Ordinal, ct);
        try
        {
            Written.AddRange(await SaveAsync(batch, ct));
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException && batch.Count > 1)
        {
            foreach (var tender in batch)
            {
                try
                {
                    Written.AddRange(await SaveAsync([tender], ct));
                }
                catch (Exception single) when (single is DbUpdateException or InvalidOperationException)
                {
                    summary.Skip(tender.Line, tender.Ocid, $"Could not be saved: {(single.InnerException ?? single).Message}");
                }
            }
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            var tender = batch[0];
            summary.Skip(tender.Line, tender.Ocid, $"Could not be saved: {(e.InnerException ?? e).Message}");
        }
    }

    private async Task<List<(int, bool)>> SaveAsync(IReadOnlyList<OcdsTender> batch, CancellationToken ct)
    {
        var newPartyIds = new Dictionary<string, Party>(StringComparer.Ordinal);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await UpsertPartiesAsync(batch, newPartyIds, ct);

            var ocids = batch.Select(t => t.Ocid).ToList();
            var existing = await db.Tenders.AsNoTracking()
                .Where(t => ocids.Contains(t.Ocid!))
                .Select(t => new { t.Id, t.Ocid, t.CreatedAt, t.CreatedBy, t.Version })
                .ToDictionaryAsync(t => t.Ocid!, StringComparer.Ordinal, ct);
            if (existing.Count > 0) await DeleteChildrenAsync(existing.Values.Select(e => e.Id).ToList(), ct);

            var now = clock.GetUtcNow().UtcDateTime;
            var tenders = new List<(OcdsTender Source, Tender Entity)>(batch.Count);
            foreach (var source in batch)
            {
                var entity = new Tender
                {
                    Ocid = source.Ocid,
                    Title = source.Title,
                    Description = source.Description,
                    Method = source.Method,
                    MethodDetails = source.MethodDetails,
                    Category = source.Category,
                    Status = source.Status,
                    EstimatedValueMinor = source.EstimatedValueMinor,
                    Currency = source.Currency,
                    TenderPeriodStart = source.TenderPeriodStart,
                    TenderPeriodEnd = source.TenderPeriodEnd,
                    AwardPeriodStart = source.AwardPeriodStart,
                    AwardPeriodEnd = source.AwardPeriodEnd,
                    CancelledAt = source.CancelledAt,
                    BuyerPartyId = PartyId(source.BuyerKey),
                    ProcuringEntityPartyId = PartyId(source.ProcuringEntityKey),
                    EnterpriseId = source.BuyerIdentifier is { } code && _enterprises!.TryGetValue(code, out var enterpriseId) ? enterpriseId : null,
                    UpdatedAt = now,
                };
                foreach (var lot in source.Lots)
                    entity.Lots.Add(new Lot { LotNumber = lot.ExternalId, Title = lot.Title, ValueMinor = lot.ValueMinor, Status = lot.Status });
                if (existing.TryGetValue(source.Ocid, out var old))
                {
                    entity.Id = old.Id;
                    entity.CreatedAt = old.CreatedAt;
                    entity.CreatedBy = old.CreatedBy;
                    entity.Version = old.Version;
                    db.Attach(entity);
                    var entry = db.Entry(entity);
                    entry.State = EntityState.Modified;
                    foreach (var lot in entity.Lots) db.Entry(lot).State = EntityState.Added;
                }
                else
                {
                    entity.CreatedAt = now;
                    entity.CreatedBy = options.Actor;
                    db.Tenders.Add(entity);
                }
                tenders.Add((source, entity));
            }
            await db.SaveChangesAsync(ct);

            // Children refer to lots, bids and awards by id, so they are added in dependency order.
            var lotIds = tenders.Select(t => t.Entity.Lots.ToDictionary(l => l.LotNumber, l => l.Id, StringComparer.Ordinal)).ToList();
            var bidIds = new List<Dictionary<string, int>>(tenders.Count);
            for (var i = 0; i < tenders.Count; i++)
            {
                var (source, entity) = tenders[i];
                foreach (var item in source.Items)
                    db.TenderItems.Add(new TenderItem { TenderId = entity.Id, LotId = Ref(lotIds[i], item.LotRef), Description = item.Description, CpvCode = item.CpvCode, Quantity = item.Quantity, Unit = item.Unit });
                var bids = new List<(string? ExternalId, Bid Bid)>();
                foreach (var bid in source.Bids)
                {
                    var row = new Bid
                    {
                        TenderId = entity.Id, LotId = Ref(lotIds[i], bid.LotRef), TendererPartyId = PartyId(bid.TendererKey)!.Value,
                        AmountMinor = bid.AmountMinor, Currency = bid.Currency, SubmittedAt = bid.Date, Status = bid.Status,
                        StatusReason = bid.StatusReason, ExternalId = bid.ExternalId,
                    };
                    db.Bids.Add(row);
                    bids.Add((bid.ExternalId, row));
                }
                bidIds.Add(bids.Count == 0 ? Empty : new Dictionary<string, int>(StringComparer.Ordinal));
                bidRows.Add(bids);
            }
            await db.SaveChangesAsync(ct);

            var awardRows = new List<List<Award>>(tenders.Count);
            for (var i = 0; i < tenders.Count; i++)
            {
                foreach (var (externalId, bid) in bidRows[i])
                    if (externalId is not null) bidIds[i].TryAdd(externalId, bid.Id);
                var (source, entity) = tenders[i];
                var awards = new List<Award>();
                foreach (var award in source.Awards)
                {
                    var row = new Award
                    {
                        TenderId = entity.Id, LotId = Ref(lotIds[i], award.LotRef), BidId = Ref(bidIds[i], award.BidRef),
                        SupplierPartyId = PartyId(award.SupplierKey)!.Value, ValueMinor = award.ValueMinor, Currency = award.Currency,
                        Status = award.Status, Date = award.Date, ExternalId = award.ExternalId,
                    };
                    db.Awards.Add(row);
                    awards.Add(row);
                }
                awardRows.Add(awards);
            }
            bidRows.Clear();
            if (awardRows.Any(a => a.Count > 0)) await db.SaveChangesAsync(ct);

            var anyContracts = false;
            for (var i = 0; i < tenders.Count; i++)
            {
                var (source, entity) = tenders[i];
                foreach (var contract in source.Contracts)
                {
                    var awardId = contract.AwardRef is null ? null : awardRows[i].FirstOrDefault(a => a.ExternalId == contract.AwardRef)?.Id;
                    var row = new Contract
                    {
                        TenderId = entity.Id, AwardId = awardId, ContractNumber = contract.Number, ValueMinor = contract.ValueMinor,
                        Currency = contract.Currency, SignedAt = contract.SignedAt, Status = contract.Status, ExternalId = contract.ExternalId,
                    };
                    foreach (var amendment in contract.Amendments)
                        row.Amendments.Add(new ContractAmendment { Date = amendment.Date, Rationale = amendment.Rationale, NewValueMinor = amendment.NewValueMinor });
                    db.Contracts.Add(row);
                    anyContracts = true;
                }
            }
            if (anyContracts) await db.SaveChangesAsync(ct);

            await transaction.CommitAsync(ct);
            foreach (var (key, party) in newPartyIds) _partyIds[key] = party.Id;
            return tenders.Select(t => (t.Entity.Id, !existing.ContainsKey(t.Source.Ocid))).ToList();
        }
        catch
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw; // ids handed out in the failed transaction are void: newPartyIds is dropped

        }
        finally
        {
            db.ChangeTracker.Clear();
            _pending.Clear();
            bidRows.Clear();
        }
    }

    private static readonly Dictionary<string, int> Empty = new(StringComparer.Ordinal);
    private readonly List<List<(string? ExternalId, Bid Bid)>> bidRows = [];
    private readonly Dictionary<string, Party> _pending = new(StringComparer.Ordinal);

    private static int? Ref(Dictionary<string, int> ids, string? key) => key is not null && ids.TryGetValue(key, out var id) ? id : null;

    private int? PartyId(string? key)
    {
        if (key is null) return null;
        if (_partyIds.TryGetValue(key, out var id)) return id;
        return _pending.TryGetValue(key, out var party) ? party.Id : null;
    }

    /// <summary>Inserts unknown parties and refreshes the ones already stored; all get ids before tenders refer to them.</summary>
    private async Task UpsertPartiesAsync(IReadOnlyList<OcdsTender> batch, Dictionary<string, Party> created, CancellationToken ct)
    {
        var incoming = new Dictionary<string, OcdsParty>(StringComparer.Ordinal);
        foreach (var tender in batch)
            foreach (var (key, party) in tender.Parties)
            {
                if (_partyIds.ContainsKey(key)) continue;
                if (incoming.TryGetValue(key, out var known)) known.MergeFrom(party);
                else incoming[key] = party;
            }
        if (incoming.Count == 0) return;

        var ids = incoming.Values.Select(p => p.Id).Distinct().ToList();
        var stored = new List<Party>();
        foreach (var chunk in ids.Chunk(500))
            stored.AddRange(await db.Parties.Include(p => p.AdditionalIdentifiers).Where(p => chunk.Contains(p.IdentifierId)).ToListAsync(ct));
        foreach (var party in stored)
        {
            var key = OcdsParty.PartyKey(party.IdentifierScheme, party.IdentifierId);
            if (!incoming.Remove(key, out var update)) continue;
            Apply(party, update);
            foreach (var (scheme, value, legalName) in update.AdditionalIdentifiers)
                if (!party.AdditionalIdentifiers.Any(i => i.Scheme == scheme && i.Value == value))
                    db.Add(new PartyIdentifier { PartyId = party.Id, Scheme = scheme, Value = value, LegalName = legalName });
            db.Entry(party).DetectChanges();
            _partyIds[key] = party.Id;
        }
        foreach (var (key, source) in incoming)
        {
            var party = new Party { Name = source.Name, IdentifierScheme = source.Scheme, IdentifierId = source.Id };
            Apply(party, source);
            foreach (var (scheme, value, legalName) in source.AdditionalIdentifiers)
                party.AdditionalIdentifiers.Add(new PartyIdentifier { Scheme = scheme, Value = value, LegalName = legalName });
            db.Parties.Add(party);
            created[key] = party;
            _pending[key] = party;
        }
        await db.SaveChangesAsync(ct);
    }

    private static void Apply(Party party, OcdsParty source)
    {
        party.Name = source.Name;
        party.LegalName = source.LegalName ?? party.LegalName;
        party.StreetAddress = source.StreetAddress ?? party.StreetAddress;
        party.Locality = source.Locality ?? party.Locality;
        party.Region = source.Region ?? party.Region;
        party.PostalCode = source.PostalCode ?? party.PostalCode;
        party.CountryName = source.CountryName ?? party.CountryName;
        party.ContactName = source.ContactName ?? party.ContactName;
        party.ContactEmail = source.ContactEmail ?? party.ContactEmail;
        party.ContactPhone = source.ContactPhone ?? party.ContactPhone;
    }

    private async Task DeleteChildrenAsync(List<int> tenderIds, CancellationToken ct)
    {
        await db.ContractAmendments.Where(a => db.Contracts.Any(c => c.Id == a.ContractId && tenderIds.Contains(c.TenderId))).ExecuteDeleteAsync(ct);
        await db.Contracts.Where(c => tenderIds.Contains(c.TenderId)).ExecuteDeleteAsync(ct);
        await db.Awards.Where(a => tenderIds.Contains(a.TenderId)).ExecuteDeleteAsync(ct);
        await db.Bids.Where(b => tenderIds.Contains(b.TenderId)).ExecuteDeleteAsync(ct);
        await db.TenderItems.Where(i => tenderIds.Contains(i.TenderId)).ExecuteDeleteAsync(ct);
        await db.Lots.Where(l => tenderIds.Contains(l.TenderId)).ExecuteDeleteAsync(ct);
    }
}
