package entity

// OrgKind says what an organization is, which decides whether it can act
// for a state.
type OrgKind uint8

const (
	// Government bodies act for their state: "MOFCOM said" is China acting.
	Government OrgKind = iota + 1
	// Companies and state-owned enterprises are parties to deals.
	Company
	// International bodies (IEA, WTO, the European Commission).
	International
	// Media outlets are attribution, not subjects: a name like "China Daily"
	// is matched so that it does not count as China, and then dropped.
	Media
	// Shadow names are matched only so that a country inside them is not
	// counted ("South China Sea"), and then dropped.
	Shadow
)

// Org is an organization of the gazetteer.
type Org struct {
	Name    string // canonical name
	Country string // ISO3, or "" for international bodies
	Kind    OrgKind
	// Aliases are other names. Upper-case acronyms match case-sensitively,
	// capitalised names only capitalised, lower-case ones in any case.
	Aliases []string
	// Generic names ("the commerce ministry") say which state only through
	// a country or demonym just before them ("India's commerce ministry");
	// without one they mean Country.
	Generic []string
}

// Orgs is the organization gazetteer, written for critical-minerals news.
var Orgs = []Org{
	// China
	{Name: "Ministry of Commerce", Country: "CHN", Kind: Government,
		Aliases: []string{"MOFCOM", "MofCom", "Chinese Ministry of Commerce", "Chinese Commerce Ministry", "China's Ministry of Commerce", "China's commerce ministry", "Ministry of Commerce of the People's Republic of China", "PRC Ministry of Commerce"},
		Generic: []string{"Ministry of Commerce", "Commerce Ministry", "commerce ministry", "ministry of commerce"}},
	{Name: "General Administration of Customs", Country: "CHN", Kind: Government,
		Aliases: []string{"GAC", "GACC", "China Customs", "General Administration of Customs of China", "General Administration of Customs of the People's Republic of China", "Chinese customs"}},
	{Name: "Ministry of Industry and Information Technology", Country: "CHN", Kind: Government, Aliases: []string{"MIIT"}},
	{Name: "Ministry of Science and Technology", Country: "CHN", Kind: Government, Aliases: []string{"MOST"}},
	{Name: "Ministry of Natural Resources", Country: "CHN", Kind: Government, Aliases: []string{"MNR"}},
	{Name: "National Development and Reform Commission", Country: "CHN", Kind: Government, Aliases: []string{"NDRC"}},
	{Name: "State Council", Country: "CHN", Kind: Government, Aliases: []string{"China's State Council", "State Council Tariff Commission", "Customs Tariff Commission of the State Council", "Tariff Commission of the State Council"}},
	{Name: "China Rare Earth Group", Country: "CHN", Kind: Company, Aliases: []string{"China Rare Earth Group Co", "China Rare Earth Group Co., Ltd."}},
	{Name: "China Northern Rare Earth", Country: "CHN", Kind: Company, Aliases: []string{"China Northern Rare Earth Group", "China Northern Rare Earth (Group) High-Tech", "Northern Rare Earth"}},
	{Name: "Shenghe Resources", Country: "CHN", Kind: Company, Aliases: []string{"Shenghe", "Shenghe Resources Holding"}},
	{Name: "CMOC", Country: "CHN", Kind: Company, Aliases: []string{"CMOC Group", "China Molybdenum"}},
	{Name: "China Minmetals", Country: "CHN", Kind: Company, Aliases: []string{"Minmetals", "China Minmetals Corporation"}},
	{Name: "Zijin Mining", Country: "CHN", Kind: Company, Aliases: []string{"Zijin", "Zijin Mining Group"}},
	{Name: "Ganfeng Lithium", Country: "CHN", Kind: Company, Aliases: []string{"Ganfeng"}},
	{Name: "Tianqi Lithium", Country: "CHN", Kind: Company, Aliases: []string{"Tianqi"}},
	{Name: "Huayou Cobalt", Country: "CHN", Kind: Company, Aliases: []string{"Zhejiang Huayou Cobalt", "Huayou"}},
	{Name: "Tsingshan", Country: "CHN", Kind: Company, Aliases: []string{"Tsingshan Holding Group", "Tsingshan Holding"}},
	{Name: "CATL", Country: "CHN", Kind: Company, Aliases: []string{"Contemporary Amperex Technology"}},
	{Name: "BYD", Country: "CHN", Kind: Company},
	{Name: "Jiangxi Copper", Country: "CHN", Kind: Company},
	{Name: "Xiamen Tungsten", Country: "CHN", Kind: Company},
	{Name: "JL Mag", Country: "CHN", Kind: Company, Aliases: []string{"JL MAG Rare-Earth", "JL Mag Rare-Earth"}},
	{Name: "Xinhua", Country: "CHN", Kind: Media, Aliases: []string{"Xinhua News Agency"}},
	{Name: "China Daily", Country: "CHN", Kind: Media},
	{Name: "Global Times", Country: "CHN", Kind: Media},
	{Name: "People's Daily", Country: "CHN", Kind: Media},
	{Name: "South China Morning Post", Country: "HKG", Kind: Media, Aliases: []string{"SCMP"}},
	{Name: "China Central Television", Country: "CHN", Kind: Media, Aliases: []string{"CCTV", "CGTN", "China Media Group", "CMG"}},
	{Name: "Bank of China", Country: "CHN", Kind: Company},
	{Name: "South China Sea", Kind: Shadow},
	{Name: "East China Sea", Kind: Shadow},
	{Name: "Georgia Tech", Kind: Shadow},
	{Name: "Washington state", Kind: Shadow, Aliases: []string{"Washington State"}},
	{Name: "New Mexico", Kind: Shadow},

	// United States
	{Name: "Department of Defense", Country: "USA", Kind: Government,
		Aliases: []string{"Pentagon", "DoD", "DOD", "U.S. Department of Defense", "US Department of Defense", "Defense Department", "Department of War", "War Department", "U.S. Department of War", "US Department of War", "Defense Logistics Agency", "Office of Strategic Capital"}},
	{Name: "Department of Commerce", Country: "USA", Kind: Government,
		Aliases: []string{"U.S. Department of Commerce", "US Department of Commerce", "Commerce Department", "U.S. Commerce Department", "US Commerce Department"}},
	{Name: "Bureau of Industry and Security", Country: "USA", Kind: Government, Aliases: []string{"BIS"}},
	{Name: "Department of Energy", Country: "USA", Kind: Government, Aliases: []string{"DOE", "U.S. Department of Energy", "US Department of Energy", "Energy Department"}},
	{Name: "Department of the Interior", Country: "USA", Kind: Government, Aliases: []string{"Interior Department", "U.S. Department of the Interior"}},
	{Name: "Department of State", Country: "USA", Kind: Government, Aliases: []string{"State Department", "U.S. State Department", "US State Department"}},
	{Name: "Office of the United States Trade Representative", Country: "USA", Kind: Government, Aliases: []string{"USTR", "U.S. Trade Representative", "US Trade Representative", "Trade Representative"}},
	{Name: "White House", Country: "USA", Kind: Government, Aliases: []string{"the White House"}},
	{Name: "U.S. Geological Survey", Country: "USA", Kind: Government, Aliases: []string{"USGS", "US Geological Survey", "United States Geological Survey", "Geological Survey"}},
	{Name: "Development Finance Corporation", Country: "USA", Kind: Government, Aliases: []string{"DFC", "U.S. International Development Finance Corporation", "International Development Finance Corporation"}},
	{Name: "Export-Import Bank of the United States", Country: "USA", Kind: Government, Aliases: []string{"EXIM", "Ex-Im Bank", "EXIM Bank", "US Export-Import Bank", "U.S. Export-Import Bank"}},
	{Name: "US Strategic Metals", Country: "USA", Kind: Company, Aliases: []string{"USSM", "U.S. Strategic Metals", "United States Strategic Metals"}},
	{Name: "MP Materials", Country: "USA", Kind: Company, Aliases: []string{"MP Materials Corp", "MP Materials Corp."}},
	{Name: "USA Rare Earth", Country: "USA", Kind: Company},
	{Name: "Energy Fuels", Country: "USA", Kind: Company},
	{Name: "Albemarle", Country: "USA", Kind: Company},
	{Name: "Freeport-McMoRan", Country: "USA", Kind: Company, Aliases: []string{"Freeport"}},
	{Name: "Lithium Americas", Country: "CAN", Kind: Company},
	{Name: "Vulcan Elements", Country: "USA", Kind: Company},
	{Name: "Noveon Magnetics", Country: "USA", Kind: Company, Aliases: []string{"Noveon"}},
	{Name: "General Motors", Country: "USA", Kind: Company, Aliases: []string{"GM"}},
	{Name: "Tesla", Country: "USA", Kind: Company},
	{Name: "Apple", Country: "USA", Kind: Company},
	{Name: "Perpetua Resources", Country: "USA", Kind: Company, Aliases: []string{"Perpetua"}},
	{Name: "Washington Post", Country: "USA", Kind: Media, Aliases: []string{"The Washington Post"}},
	{Name: "Wall Street Journal", Country: "USA", Kind: Media, Aliases: []string{"WSJ", "The Wall Street Journal"}},
	{Name: "Reuters", Country: "GBR", Kind: Media},
	{Name: "Bloomberg", Country: "USA", Kind: Media, Aliases: []string{"Bloomberg News"}},
	{Name: "Associated Press", Country: "USA", Kind: Media, Aliases: []string{"AP"}},
	{Name: "Fastmarkets", Country: "GBR", Kind: Media},
	{Name: "Benchmark Mineral Intelligence", Country: "GBR", Kind: Media, Aliases: []string{"Benchmark"}},

	// Pakistan
	{Name: "Frontier Works Organization", Country: "PAK", Kind: Government, Aliases: []string{"FWO", "Frontier Works Organisation"}},
	{Name: "Pakistan Army", Country: "PAK", Kind: Government},
	{Name: "Pakistan Today", Country: "PAK", Kind: Media},
	{Name: "Arab News", Country: "SAU", Kind: Media},

	// Democratic Republic of the Congo
	{Name: "ARECOMS", Country: "COD", Kind: Government,
		Aliases: []string{"Authority for the Regulation and Control of Strategic Mineral Substances' Markets", "Authority for the Regulation and Control of Strategic Mineral Substances Markets", "Strategic Minerals Market Regulation and Control Authority", "Autorité de Régulation et de Contrôle des Marchés des Substances Minérales Stratégiques"}},
	{Name: "Gécamines", Country: "COD", Kind: Company, Aliases: []string{"Gecamines"}},
	{Name: "Entreprise Générale du Cobalt", Country: "COD", Kind: Company, Aliases: []string{"EGC"}},

	// Indonesia
	{Name: "Ministry of Energy and Mineral Resources", Country: "IDN", Kind: Government,
		Aliases: []string{"ESDM", "MEMR", "Indonesian Energy Ministry", "Indonesia's Energy Ministry", "Indonesia's energy ministry"},
		Generic: []string{"Energy and Mineral Resources Ministry", "energy ministry", "Energy Ministry", "mining ministry", "Mining Ministry"}},
	{Name: "MIND ID", Country: "IDN", Kind: Company},
	{Name: "Jakarta Post", Country: "IDN", Kind: Media, Aliases: []string{"The Jakarta Post"}},

	// Australia
	{Name: "Lynas Rare Earths", Country: "AUS", Kind: Company, Aliases: []string{"Lynas"}},
	{Name: "Iluka Resources", Country: "AUS", Kind: Company, Aliases: []string{"Iluka"}},
	{Name: "Arafura Rare Earths", Country: "AUS", Kind: Company, Aliases: []string{"Arafura"}},
	{Name: "Pilbara Minerals", Country: "AUS", Kind: Company, Aliases: []string{"PLS"}},
	{Name: "Australian Strategic Materials", Country: "AUS", Kind: Company, Aliases: []string{"ASM"}},
	{Name: "Alcoa", Country: "USA", Kind: Company},
	{Name: "Export Finance Australia", Country: "AUS", Kind: Government, Aliases: []string{"EFA"}},
	{Name: "Critical Minerals Office", Country: "AUS", Kind: Government},
	{Name: "Geoscience Australia", Country: "AUS", Kind: Government},
	{Name: "BHP", Country: "AUS", Kind: Company},
	{Name: "Rio Tinto", Country: "GBR", Kind: Company},

	// Japan, Korea, Europe, elsewhere
	{Name: "Japan Organization for Metals and Energy Security", Country: "JPN", Kind: Government, Aliases: []string{"JOGMEC", "Japan Oil, Gas and Metals National Corporation"}},
	{Name: "Ministry of Economy, Trade and Industry", Country: "JPN", Kind: Government, Aliases: []string{"METI"}},
	{Name: "Sojitz", Country: "JPN", Kind: Company},
	{Name: "Sumitomo Metal Mining", Country: "JPN", Kind: Company},
	{Name: "Japan Times", Country: "JPN", Kind: Media, Aliases: []string{"The Japan Times"}},
	{Name: "Korea Zinc", Country: "KOR", Kind: Company},
	{Name: "POSCO", Country: "KOR", Kind: Company, Aliases: []string{"POSCO Holdings", "POSCO International"}},
	{Name: "LG Energy Solution", Country: "KOR", Kind: Company},
	{Name: "Korea Herald", Country: "KOR", Kind: Media, Aliases: []string{"The Korea Herald"}},
	{Name: "European Commission", Country: "", Kind: International, Aliases: []string{"EU Commission"}},
	{Name: "European Union", Country: "", Kind: International, Aliases: []string{"EU"}},
	{Name: "Glencore", Country: "CHE", Kind: Company},
	{Name: "Trafigura", Country: "CHE", Kind: Company},
	{Name: "Umicore", Country: "BEL", Kind: Company},
	{Name: "Solvay", Country: "BEL", Kind: Company},
	{Name: "Eramet", Country: "FRA", Kind: Company},
	{Name: "Eurasian Resources Group", Country: "LUX", Kind: Company, Aliases: []string{"ERG"}},
	{Name: "Anglo American", Country: "GBR", Kind: Company},
	{Name: "Vale", Country: "BRA", Kind: Company},
	{Name: "Codelco", Country: "CHL", Kind: Company},
	{Name: "SQM", Country: "CHL", Kind: Company, Aliases: []string{"Sociedad Química y Minera"}},
	{Name: "Nornickel", Country: "RUS", Kind: Company, Aliases: []string{"Norilsk Nickel"}},
	{Name: "Neo Performance Materials", Country: "CAN", Kind: Company},
	{Name: "Almonty Industries", Country: "CAN", Kind: Company, Aliases: []string{"Almonty"}},
	{Name: "Natural Resources Canada", Country: "CAN", Kind: Government, Aliases: []string{"NRCan"}},
	{Name: "Indian Rare Earths", Country: "IND", Kind: Company, Aliases: []string{"IREL", "IREL (India)"}},
	{Name: "Ministry of Mines", Country: "", Kind: Government, Generic: []string{"Ministry of Mines", "Mines Ministry", "mines ministry", "ministry of mines"}},
	{Name: "Kachin Independence Army", Country: "MMR", Kind: Government, Aliases: []string{"KIA"}},

	// International
	{Name: "International Energy Agency", Country: "", Kind: International, Aliases: []string{"IEA"}},
	{Name: "World Trade Organization", Country: "", Kind: International, Aliases: []string{"WTO", "World Trade Organisation"}},
	{Name: "World Bank", Country: "", Kind: International},
	{Name: "Minerals Security Partnership", Country: "", Kind: International, Aliases: []string{"MSP"}},
	{Name: "G7", Country: "", Kind: International, Aliases: []string{"Group of Seven"}},
	{Name: "London Metal Exchange", Country: "GBR", Kind: International, Aliases: []string{"LME"}},
}
