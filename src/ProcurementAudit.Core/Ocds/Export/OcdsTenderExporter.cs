using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Ocds.Export;

/// <summary>Where a release came from: the tender behind an ocid, for turning Cardinal's results back into findings.</summary>
public sealed record ExportedTender(int Id, int? EnterpriseId, DateTime Date);

/// <summary>
/// Streams tenders from the database as OCDS compiled releases (one JSON line each), so the Cardinal engine judges logged
/// and imported tenders alike. The ocid is the tender's own, or <c>ocds-pa-&lt;id&gt;</c> for a logged tender; methods and
/// statuses map back to the OCDS codelists; amounts are in major units; organisations are identified as <c>scheme-id</c>
/// (a member enterprise as <c>UA-EDR-&lt;EDRPOU&gt;</c>), the same keys flags use as subjects.
/// </summary>
public static class OcdsTenderExporter
{
    public const string LocalOcidPrefix = "ocds-pa-";
    private const int PageSize = 500;
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static string OcidOf(Tender tender) => string.IsNullOrEmpty(tender.Ocid) ? LocalOcidPrefix + tender.Id.ToString(CultureInfo.InvariantCulture) : tender.Ocid;

    public static string EnterpriseKey(string edrpou) => "UA-EDR-" + edrpou;

    /// <summary>
    /// Writes every tender of <paramref name="tenders"/> (read page by page, by id, without tracking) and returns the index
    /// from ocid to tender. <paramref name="output"/> is flushed, not closed.
    /// </summary>
    public static async Task<Dictionary<string, ExportedTender>> WriteJsonLinesAsync(IQueryable<Tender> tenders, Stream output, CancellationToken ct)
    {
        var index = new Dictionary<string, ExportedTender>(StringComparer.Ordinal);
        var writer = new Utf8JsonWriter(output, Options);
        var lastId = 0;
        while (true)
        {
            var from = lastId;
            var page = await tenders.AsNoTracking().AsSplitQuery()
                .Where(t => t.Id > from).OrderBy(t => t.Id).Take(PageSize)
                .Include(t => t.Enterprise).Include(t => t.BuyerParty).Include(t => t.ProcuringEntityParty)
                .Include(t => t.Lots).Include(t => t.Items)
                .Include(t => t.Bids).ThenInclude(b => b.Tenderer)
                .Include(t => t.Awards).ThenInclude(a => a.Supplier)
                .Include(t => t.Contracts)
                .ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var tender in page)
            {
                var ocid = OcidOf(tender);
                index[ocid] = new ExportedTender(tender.Id, tender.EnterpriseId, tender.TenderPeriodStart ?? tender.CreatedAt);
                WriteRelease(writer, tender, ocid);
                await writer.FlushAsync(ct);
                output.WriteByte((byte)'\n');
                writer.Reset(output);
            }
            lastId = page[^1].Id;
        }
        await output.FlushAsync(ct);
        return index;
    }

    /// <summary>One compiled release, as the fields Cardinal reads (and a few more that make it a readable release).</summary>
    public static void WriteRelease(Utf8JsonWriter w, Tender t, string ocid)
    {
        var parties = new Dictionary<string, (string Name, SortedSet<string> Roles)>(StringComparer.Ordinal);
        void Role(string id, string name, string role)
        {
            if (!parties.TryGetValue(id, out var p)) parties[id] = p = (name, new SortedSet<string>(StringComparer.Ordinal));
            p.Roles.Add(role);
        }

        var buyer = Buyer(t);
        var entity = t.ProcuringEntityParty is { } pe ? (Id: pe.Key, pe.Name) : buyer;

        w.WriteStartObject();
        w.WriteString("ocid", ocid);
        w.WriteString("id", ocid + "-" + Stamp(t.UpdatedAt == default ? t.CreatedAt : t.UpdatedAt));
        w.WriteString("date", Stamp(t.UpdatedAt == default ? t.CreatedAt : t.UpdatedAt));
        w.WriteStartArray("tag");
        w.WriteStringValue("compiled");
        w.WriteEndArray();
        w.WriteString("initiationType", "tender");
        if (buyer is { } b)
        {
            Organization(w, "buyer", b.Id, b.Name);
            Role(b.Id, b.Name, "buyer");
        }

        w.WriteStartObject("tender");
        w.WriteString("id", t.Id.ToString(CultureInfo.InvariantCulture));
        w.WriteString("title", t.Title);
        if (t.Description is not null) w.WriteString("description", t.Description);
        w.WriteString("status", TenderStatusCode(t.Status));
        w.WriteString("procurementMethod", MethodCode(t.Method));
        if (t.MethodDetails is not null) w.WriteString("procurementMethodDetails", t.MethodDetails);
        w.WriteString("mainProcurementCategory", t.Category switch
        {
            ProcurementCategory.Goods => "goods",
            ProcurementCategory.Services => "services",
            _ => "works",
        });
        if (entity is { } e)
        {
            Organization(w, "procuringEntity", e.Id, e.Name);
            Role(e.Id, e.Name, "procuringEntity");
        }
        Value(w, "value", t.EstimatedValueMinor, t.Currency);
        Period(w, "tenderPeriod", t.TenderPeriodStart, t.TenderPeriodEnd);
        Period(w, "awardPeriod", t.AwardPeriodStart, t.AwardPeriodEnd);
        // Cardinal's R018 reads this number: the distinct tenderers that bid.
        w.WriteNumber("numberOfTenderers", t.Bids.Select(x => x.TendererPartyId).Distinct().Count());
        if (t.Lots.Count > 0)
        {
            w.WriteStartArray("lots");
            foreach (var lot in t.Lots)
            {
                w.WriteStartObject();
                w.WriteString("id", lot.LotNumber);
                w.WriteString("title", lot.Title);
                Value(w, "value", lot.ValueMinor, t.Currency);
                if (lot.Status is not null) w.WriteString("status", lot.Status);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        Items(w, t, t.Items);
        w.WriteEndObject();

        if (t.Bids.Count > 0)
        {
            w.WriteStartObject("bids");
            w.WriteStartArray("details");
            foreach (var bid in t.Bids)
            {
                w.WriteStartObject();
                w.WriteString("id", bid.ExternalId ?? bid.Id.ToString(CultureInfo.InvariantCulture));
                if (bid.SubmittedAt is { } at) w.WriteString("date", Stamp(at));
                w.WriteString("status", bid.Status switch
                {
                    BidStatus.Pending => "pending",
                    BidStatus.Valid => "valid",
                    BidStatus.Disqualified => "disqualified",
                    _ => "withdrawn",
                });
                Value(w, "value", bid.AmountMinor, bid.Currency);
                if (bid.Tenderer is { } tenderer)
                {
                    w.WriteStartArray("tenderers");
                    OrganizationReference(w, tenderer.Key, tenderer.Name);
                    w.WriteEndArray();
                    Role(tenderer.Key, tenderer.Name, "tenderer");
                }
                if (bid.LotId is { } lotId && t.Lots.FirstOrDefault(l => l.Id == lotId) is { } bidLot)
                {
                    w.WriteStartArray("relatedLots");
                    w.WriteStringValue(bidLot.LotNumber);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        if (t.Awards.Count > 0)
        {
            w.WriteStartArray("awards");
            foreach (var award in t.Awards)
            {
                w.WriteStartObject();
                w.WriteString("id", AwardId(award));
                w.WriteString("status", award.Status switch
                {
                    AwardStatus.Pending => "pending",
                    AwardStatus.Active => "active",
                    AwardStatus.Unsuccessful => "unsuccessful",
                    _ => "cancelled",
                });
                if (award.Date is { } date) w.WriteString("date", Stamp(date));
                Value(w, "value", award.ValueMinor, award.Currency);
                if (award.Supplier is { } supplier)
                {
                    w.WriteStartArray("suppliers");
                    OrganizationReference(w, supplier.Key, supplier.Name);
                    w.WriteEndArray();
                    Role(supplier.Key, supplier.Name, "supplier");
                }
                // The award covers its lot's items, or all items of a tender without lots (R048 reads their classifications).
                Items(w, t, award.LotId is { } lot ? t.Items.Where(i => i.LotId == lot) : t.Items);
                if (award.LotId is { } awardLot && t.Lots.FirstOrDefault(l => l.Id == awardLot) is { } lotOfAward)
                {
                    w.WriteStartArray("relatedLots");
                    w.WriteStringValue(lotOfAward.LotNumber);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        if (t.Contracts.Count > 0)
        {
            w.WriteStartArray("contracts");
            foreach (var contract in t.Contracts)
            {
                w.WriteStartObject();
                w.WriteString("id", contract.ExternalId ?? contract.ContractNumber);
                if (contract.AwardId is { } awardId && t.Awards.FirstOrDefault(a => a.Id == awardId) is { } award)
                    w.WriteString("awardID", AwardId(award));
                w.WriteString("status", contract.Status switch
                {
                    ContractStatus.Pending => "pending",
                    ContractStatus.Active => "active",
                    ContractStatus.Terminated => "terminated",
                    _ => "cancelled",
                });
                Value(w, "value", contract.ValueMinor, contract.Currency);
                if (contract.SignedAt is { } signed) w.WriteString("dateSigned", Stamp(signed));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        w.WriteStartArray("parties");
        foreach (var (id, (name, roles)) in parties)
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("name", name);
            w.WriteStartArray("roles");
            foreach (var role in roles) w.WriteStringValue(role);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The buyer: the member enterprise, else the imported buyer party.</summary>
    public static (string Id, string Name)? Buyer(Tender t) =>
        t.Enterprise is { } enterprise ? (EnterpriseKey(enterprise.Edrpou), enterprise.Name)
        : t.BuyerParty is { } party ? (party.Key, party.Name)
        : null;

    public static string MethodCode(ProcurementMethod method) => method switch
    {
        ProcurementMethod.Open => "open",
        ProcurementMethod.Selective => "selective",
        ProcurementMethod.Limited => "limited",
        _ => "direct",
    };

    public static string TenderStatusCode(TenderStatus status) => status switch
    {
        TenderStatus.Planning => "planning",
        TenderStatus.Active => "active",
        TenderStatus.Complete => "complete",
        TenderStatus.Unsuccessful => "unsuccessful",
        _ => "cancelled",
    };

    /// <summary>
    /// RFC 3339 in UTC with a fixed-width fraction: Cardinal compares some dates as strings (R030), which is only right when
    /// every date has the same shape.
    /// </summary>
    public static string Stamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string AwardId(Award award) => award.ExternalId ?? award.Id.ToString(CultureInfo.InvariantCulture);

    private static void Items(Utf8JsonWriter w, Tender t, IEnumerable<TenderItem> items)
    {
        var any = false;
        foreach (var item in items)
        {
            if (!any) w.WriteStartArray("items");
            any = true;
            w.WriteStartObject();
            w.WriteString("id", item.Id.ToString(CultureInfo.InvariantCulture));
            w.WriteString("description", item.Description);
            if (item.CpvCode is not null)
            {
                w.WriteStartObject("classification");
                w.WriteString("scheme", "CPV");
                w.WriteString("id", item.CpvCode);
                w.WriteEndObject();
            }
            if (item.Quantity is { } quantity) w.WriteNumber("quantity", quantity);
            if (item.Unit is not null)
            {
                w.WriteStartObject("unit");
                w.WriteString("name", item.Unit);
                w.WriteEndObject();
            }
            if (item.LotId is { } lotId && t.Lots.FirstOrDefault(l => l.Id == lotId) is { } lot) w.WriteString("relatedLot", lot.LotNumber);
            w.WriteEndObject();
        }
        if (any) w.WriteEndArray();
    }

    private static void Value(Utf8JsonWriter w, string name, long? minor, string currency)
    {
        if (minor is not { } amount) return;
        w.WriteStartObject(name);
        w.WriteNumber("amount", Money.FromMinor(amount));
        w.WriteString("currency", currency);
        w.WriteEndObject();
    }

    private static void Period(Utf8JsonWriter w, string name, DateTime? start, DateTime? end)
    {
        if (start is null && end is null) return;
        w.WriteStartObject(name);
        if (start is { } s) w.WriteString("startDate", Stamp(s));
        if (end is { } e) w.WriteString("endDate", Stamp(e));
        w.WriteEndObject();
    }

    private static void Organization(Utf8JsonWriter w, string name, string id, string partyName)
    {
        w.WriteStartObject(name);
        w.WriteString("id", id);
        w.WriteString("name", partyName);
        w.WriteEndObject();
    }

    private static void OrganizationReference(Utf8JsonWriter w, string id, string name)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("name", name);
        w.WriteEndObject();
    }
}
