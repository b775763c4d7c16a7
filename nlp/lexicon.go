package nlp

import "orewatch/nlp/match"

// materialAliases are surface forms news uses for catalogue entries that the
// catalogue does not list itself. A target the catalogue lacks is skipped.
var materialAliases = map[string][]string{
	"rare earth":                                        {"rare earths"},
	"rare earth minerals":                               {"rare earths"},
	"rare earth mineral":                                {"rare earths"},
	"rare earth materials":                              {"rare earths"},
	"rare earth oxides":                                 {"rare earths"},
	"rare earth oxide":                                  {"rare earths"},
	"rare earth products":                               {"rare earths"},
	"rare earth items":                                  {"rare earths"},
	"rare earth element":                                {"rare earths"},
	"middle and heavy rare earths":                      {"medium and heavy rare earths"},
	"middle and heavy rare earth":                       {"medium and heavy rare earths"},
	"middle and heavy rare earth metals":                {"medium and heavy rare earths"},
	"middle and heavy rare earth elements":              {"medium and heavy rare earths"},
	"medium and heavy rare earth metals":                {"medium and heavy rare earths"},
	"medium and heavy rare earth items":                 {"medium and heavy rare earths"},
	"medium and heavy rare earth":                       {"medium and heavy rare earths"},
	"medium sized and heavy rare earths":                {"medium and heavy rare earths"},
	"heavy and medium rare earths":                      {"medium and heavy rare earths"},
	"medium to heavy rare earths":                       {"medium and heavy rare earths"},
	"heavy rare earth":                                  {"heavy rare earths"},
	"heavy rare earth metals":                           {"heavy rare earths"},
	"extraction and separation technologies":            {"rare earth extraction and separation technology"},
	"extraction and separation technology":              {"rare earth extraction and separation technology"},
	"rare earth extraction technologies":                {"rare earth extraction and separation technology"},
	"rare earth separation technologies":                {"rare earth extraction and separation technology"},
	"rare earth extraction and separation technologies": {"rare earth extraction and separation technology"},
	"extraction technologies":                           {"rare earth extraction and separation technology"},
	"separation technologies":                           {"rare earth extraction and separation technology"},
	"rare earth processing technologies":                {"rare earth technology"},
	"rare earth processing technology":                  {"rare earth technology"},
	"rare earth related technologies":                   {"rare earth technology"},
	"rare earth magnet technologies":                    {"rare earth magnet preparation technology"},
	"magnet manufacturing technology":                   {"rare earth magnet preparation technology"},
	"magnet making technology":                          {"rare earth magnet preparation technology"},
	"rare earth recycling technology":                   {"rare earth mining, processing, magnet and recycling technology"},
	"rare earth recycling technologies":                 {"rare earth mining, processing, magnet and recycling technology"},
	"lithium battery components":                        {"lithium-ion batteries"},
	"lithium battery":                                   {"lithium-ion batteries"},
	"lithium ion battery":                               {"lithium-ion batteries"},
	"lithium ion battery components":                    {"lithium-ion batteries"},
	"lithium battery items":                             {"lithium-ion batteries"},
	"high end lithium batteries":                        {"lithium-ion batteries"},
	"battery cells":                                     {"lithium-ion batteries"},
	"cathode materials":                                 {"battery materials"},
	"cathode material":                                  {"battery materials"},
	"battery metals":                                    {"battery materials"},
	"graphite anode":                                    {"artificial graphite anode material"},
	"graphite anodes":                                   {"artificial graphite anode material"},
	"graphite anode materials":                          {"artificial graphite anode material"},
	"graphite anode material":                           {"artificial graphite anode material"},
	"anode materials":                                   {"artificial graphite anode material"},
	"rare earth magnets":                                {"rare earth magnets"},
	"rare earth magnet":                                 {"rare earth magnets"},
	"permanent magnets":                                 {"rare earth magnets"},
	"permanent magnet":                                  {"rare earth magnets"},
	"NdFeB magnets":                                     {"rare earth magnets"},
	"neodymium magnets":                                 {"rare earth magnets"},
	"neodymium iron boron magnets":                      {"rare earth magnets"},
	"magnets":                                           {"rare earth magnets"},
	"rare earth equipment":                              {"rare earth equipment and materials"},
	"rare earth processing equipment":                   {"rare earth production equipment"},
	"synthetic diamonds":                                {"synthetic diamond"},
	"industrial diamonds":                               {"synthetic diamond"},
	"spodumene":                                         {"lithium"},
	"lithium carbonate":                                 {"lithium"},
	"lithium hydroxide":                                 {"lithium"},
	"cobalt hydroxide":                                  {"cobalt"},
	"nickel ores":                                       {"nickel ore"},
	"unprocessed nickel ore":                            {"nickel ore"},
	"raw nickel":                                        {"nickel ore"},
	"tungsten concentrate":                              {"tungsten"},
	"antimony ore":                                      {"antimony"},
	"graphite products":                                 {"graphite"},
}

// Cue categories: what a word in a sentence says about the event it may
// report.
type cue uint8

const (
	cueNone       cue = iota
	cueCtrl           // a control noun tied to exports: "export controls", "licensing requirements"
	cueCtrlWeak       // a control word that needs export context: "controls", "restrictions", "licences"
	cueCtrlOn         // "controls on", "restrictions on": a control when a material follows
	cueCtrlVerb       // "restrict", "tighten"
	cueBan            // "ban", "prohibit", "embargo"
	cueBanStrong      // "export ban", "not permitted"
	cueSuspend        // "suspend", "lift", "ease", "pause"
	cueSuspendOK      // "general licences": easing on its own
	cueQuota          // "quota", "cap"
	cueTariff         // "tariff", "duty"
	cueDeal           // "agreement", "deal", "memorandum of understanding"
	cueDealWeak       // "partnership", "framework", "investment"
	cueSign           // "signed", "inked", "agreed"
	cueExport         // "export", "exports", "shipments": trade context
	cueEffective      // "effective", "take effect", "from", "starting"
	cueImmediate      // "effective immediately", "with immediate effect"
	cueAnnounce       // "announced", "unveiled", "issued"
	cueImpose         // "imposed", "introduced", "slapped", "raised"
	cueHypo           // "could", "might", "considering", "threatened"
	cueBackground     // "previous", "earlier", "existing", "already"
	cueNegation       // "no", "not", "without"
	cueObject         // "exports", "shipments" as the object of "suspend"/"halt"
	cueHalt           // "halt", "halted", "stop", "stopped" (with exports: a ban)
	cueSupplyVerb     // "to supply", "will supply", "supplies"
	cueBetween        // "between"
	cueShare          // "%", "percent", "most", "half": the sentence may hold a share claim
	cueCorporate      // "merger", "acquisition": a company deal, not a supply agreement
)

// cueWords lists each cue's words. Inflected forms are written out: the
// matcher works on whole words.
var cueWords = map[cue][]string{
	cueCtrl: {"export control", "export controls", "export restriction", "export restrictions", "export curbs", "export curb",
		"export licensing", "export licence", "export licences", "export license", "export licenses", "export licensing requirements",
		"licensing requirement", "licensing requirements", "licence requirement", "licence requirements", "license requirement",
		"license requirements", "controls on exports", "restrictions on exports", "curbs on exports", "controls on the export",
		"restrictions on the export", "export permit", "export permits", "export approval", "export approvals", "export control list",
		"dual use export", "export control measures", "export control regime", "export restraints",
		"export licensing regime", "export control rules", "export controlled", "require export licences",
		"require export licenses", "licensing regime", "licensing system"},
	cueCtrlOn: {"controls on", "restrictions on", "curbs on", "limits on", "licensing of", "licences for", "licenses for", "licence for", "license for"},
	cueCtrlWeak: {"controls", "restrictions", "curbs", "licences", "licenses", "licence", "license", "licensing", "permits",
		"regulations", "measures", "control measures", "restriction", "dual use list", "control list", "dual use items"},
	cueCtrlVerb: {"restrict", "restricts", "restricted", "restricting", "tighten", "tightens", "tightened", "tightening",
		"curb", "curbed", "curbing", "control exports", "controlling exports", "expanded controls", "widened", "expands", "expanded",
		"only allow", "only allows", "only be allowed", "only permit", "only permits", "only be permitted", "allowed to export"},
	cueBan: {"ban", "bans", "banned", "banning", "prohibit", "prohibits", "prohibited", "prohibiting", "prohibition",
		"embargo", "embargoes", "forbid", "forbids", "forbidden", "outlawed"},
	cueBanStrong: {"export ban", "export bans", "ban on exports", "ban on the export", "ban on exporting", "not permitted",
		"in principle not be permitted", "exports are banned", "export prohibition", "export embargo", "banned the export",
		"banned exports", "bans exports", "bans the export", "banning exports", "banning the export", "prohibited exports"},
	cueSuspend: {"suspend", "suspends", "suspended", "suspending", "suspension", "lift", "lifts", "lifted", "lifting",
		"ease", "eases", "eased", "easing", "pause", "pauses", "paused", "pausing", "relax", "relaxes", "relaxed", "relaxing",
		"roll back", "rolled back", "rolls back", "scrap", "scrapped", "scraps", "waive", "waived", "waiver", "halted implementation",
		"postpone", "postponed", "postpones", "exemption", "exemptions", "exempted", "removed", "remove", "removes", "drop", "dropped",
		"replace", "replaces", "replaced", "replacing", "ended", "ending"},
	cueSuspendOK: {"general licence", "general licences", "general license", "general licenses", "general licensing",
		"suspension of export controls", "suspended export controls", "suspends export controls", "suspend export controls",
		"suspension of the export controls", "lifted export controls", "lifts export controls", "eased export controls",
		"suspend the implementation", "suspended the implementation", "suspends the implementation", "suspension of the implementation",
		"lifted the ban", "lifts the ban", "lift the ban", "lifting the ban", "lifting of the ban", "suspended the ban", "suspends the ban",
		"suspension of the ban", "lifted its ban", "suspended its ban"},
	cueQuota: {"quota", "quotas", "export quota", "export quotas", "quota system", "quota regime", "cap", "caps", "capped",
		"export cap", "export caps", "ceiling", "allocation", "allocations", "mining quota", "mining quotas", "production quota",
		"production quotas"},
	cueTariff: {"tariff", "tariffs", "duty", "duties", "levy", "levies", "anti dumping", "countervailing", "import tax", "import taxes",
		"export tax", "export taxes", "export duty", "export duties", "import duty", "import duties"},
	cueDeal: {"agreement", "agreements", "deal", "deals", "memorandum of understanding", "MoU", "MOU", "MoUs", "offtake", "off take",
		"offtake agreement", "supply agreement", "supply deal", "pact", "accord", "framework agreement", "supply contract",
		"contract", "contracts", "price floor", "joint venture", "equity stake", "strategic partnership", "cooperation agreement",
		"critical minerals framework", "minerals deal", "minerals agreement"},
	cueDealWeak: {"partnership", "partnerships", "framework", "investment", "invest", "invests", "invested", "cooperation", "collaboration"},
	cueSign:     {"signed", "signs", "sign", "signing", "inked", "inks", "agreed", "agree", "agrees", "struck", "strikes", "reached", "concluded", "finalised", "finalized", "sealed", "announced a", "unveiled a"},
	cueExport: {"export", "exports", "exported", "exporting", "exporters", "exporter", "shipments", "shipment", "outbound", "overseas sales",
		"sales abroad", "to foreign", "foreign buyers", "foreign entities", "foreign users", "foreign companies", "overseas buyers", "abroad",
		"leave the country", "leaving the country", "dual use"},
	cueEffective: {"effective", "take effect", "takes effect", "took effect", "taking effect", "come into force", "comes into force",
		"came into force", "enter into force", "enters into force", "entered into force", "in force from", "in effect from", "kick in",
		"kicks in", "kicked in", "become effective", "becomes effective", "became effective", "from", "starting", "starting on", "as of",
		"beginning", "begins", "begin", "apply from", "applies from", "applied from", "implemented from", "will apply"},
	cueImmediate: {"effective immediately", "with immediate effect", "immediately effective", "effective on publication",
		"effective upon publication", "effective from the date of publication", "effective on the day", "took effect immediately",
		"take effect immediately", "takes effect immediately", "effective the same day", "effective upon announcement", "effective on announcement"},
	cueAnnounce: {"announced", "announces", "announce", "announcing", "announcement", "unveiled", "unveils", "issued", "issues",
		"published", "publishes", "released", "releases", "said", "says", "stated", "declared", "declares", "notice", "decision",
		"ordered", "orders", "decided", "decides", "revealed"},
	cueImpose: {"imposed", "imposes", "impose", "imposing", "introduced", "introduces", "introduce", "introducing", "slapped",
		"slaps", "raised", "raises", "raise", "hiked", "hikes", "hike", "levied", "levies", "set", "sets", "added", "adds",
		"increased", "increases", "doubled", "placed", "places", "put", "puts", "extended", "extends", "extend", "announced new",
		"unveiled new", "applied", "applies", "expanded", "expands", "broadened", "widened", "reinstated"},
	cueHypo: {"could", "might", "may", "considering", "consider", "considers", "weighing", "weighs", "mulling", "mulls",
		"threatened", "threatens", "threaten", "threat", "proposed", "proposes", "propose", "proposal", "calls for", "called for",
		"urged", "urges", "should", "would be", "if", "whether", "possible", "potential", "plans", "planned", "planning",
		"expected to", "likely", "speculation", "fears", "fear", "worried", "worries", "concerns", "risk"},
	cueBackground: {"previous", "previously", "earlier", "existing", "already", "prior", "had imposed", "had introduced",
		"had restricted", "had banned", "first imposed", "in place since", "last year", "years ago", "had announced",
		"historically", "in the past", "back in"},
	cueNegation: {"no", "not", "without", "never", "denied", "denies", "no new", "did not", "does not", "has not", "have not"},
	cueObject:   {"exports", "shipments", "exporting", "sales", "export"},
	cueHalt:     {"halt", "halts", "halted", "halting", "stop", "stops", "stopped", "stopping", "freeze", "froze", "frozen", "freezes", "block", "blocked", "blocks"},
	cueSupplyVerb: {"to supply", "will supply", "supplies", "supply", "to provide", "to deliver", "deliveries", "delivered",
		"to sell", "to buy", "to purchase", "purchase", "buy", "buys", "bought", "offtake"},
	cueBetween: {"between"},
	cueShare: {"%", "percent", "per cent", "pct", "most", "all", "half", "third", "thirds", "quarter", "quarters",
		"majority"},
	cueCorporate: {"merger", "mergers", "merge", "merges", "combine", "combination", "acquisition", "acquisitions", "acquire",
		"acquires", "acquired", "takeover", "take over", "all share", "all stock", "all cash", "buyout", "bid for", "shareholders"},
}

// cuePatterns returns the cue words as matcher patterns with the cue each
// stands for; acronyms like "MoU" match only as written.
func cuePatterns() ([]match.Pattern, []cue) {
	var pats []match.Pattern
	var cues []cue
	for c := cueCtrl; c <= cueCorporate; c++ {
		for _, w := range cueWords[c] {
			mode := match.Insensitive
			if w == "MoU" || w == "MOU" || w == "MoUs" || w == "may" {
				mode = match.Sensitive
			}
			pats = append(pats, match.Pattern{Text: w, Mode: mode})
			cues = append(cues, c)
		}
	}
	return pats, cues
}
