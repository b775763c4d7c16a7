package extract

import "testing"

func TestDetectLanguage(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"English", "The ministry said that exports of the metals will need a licence from next month, and that the rules are not aimed at any country.", "en"},
		{"French", "Le ministère a indiqué que les exportations de ces métaux seront soumises à une licence dès le mois prochain et que la mesure ne vise aucun pays.", "fr"},
		{"German", "Das Ministerium teilte mit, dass für die Ausfuhr der Metalle ab dem nächsten Monat eine Genehmigung nötig ist und dass sich die Regeln nicht gegen ein Land richten.", "de"},
		{"Spanish", "El ministerio dijo que las exportaciones de los metales necesitarán una licencia a partir del próximo mes y que la medida no está dirigida contra ningún país.", "es"},
		{"Italian", "Il ministero ha detto che le esportazioni dei metalli avranno bisogno di una licenza dal mese prossimo e che la misura non è diretta contro nessun paese.", "it"},
		{"Portuguese", "O ministério disse que as exportações dos metais vão precisar de uma licença a partir do próximo mês e que a medida não é dirigida a nenhum país.", "pt"},
		{"Dutch", "Het ministerie zei dat voor de export van de metalen vanaf volgende maand een vergunning nodig is en dat de regels niet tegen een land zijn gericht.", "nl"},
		{"Chinese", "商务部表示，自下月起出口相关金属需要申请许可证，该措施不针对任何特定国家。", "zh"},
		{"Japanese", "経済産業省は、来月からこれらの金属の輸出には許可が必要になると発表した。", "ja"},
		{"Korean", "산업통상자원부는 다음 달부터 해당 금속을 수출하려면 허가가 필요하다고 밝혔다.", "ko"},
		{"Russian", "Министерство заявило, что с следующего месяца для экспорта этих металлов потребуется лицензия.", "ru"},
		{"Ukrainian", "Міністерство заявило, що з наступного місяця для експорту цих металів буде потрібна ліцензія.", "uk"},
		{"Arabic", "قالت الوزارة إن تصدير هذه المعادن سيتطلب ترخيصا اعتبارا من الشهر المقبل.", "ar"},
		{"TooShort", "Rare earths", ""},
		{"Numbers", "2025 2026 2027 1,000 2,000 3,000 4,000 5,000 6,000 7,000", ""},
		{"NamesOnly", "Kristi Noem Robert Maguire Sioux Falls Argus Leader Chime Varo SoFi", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := detectLanguage(tt.text); got != tt.want {
				t.Errorf("detectLanguage = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLangCode(t *testing.T) {
	for in, want := range map[string]string{
		"en": "en", "en-US": "en", "EN_gb": "en", "fr-FR, en": "fr", "zh-Hans-CN": "zh", "fil": "fil",
		"": "", "english": "", "e1": "", " de ": "de",
	} {
		if got := langCode(in); got != want {
			t.Errorf("langCode(%q) = %q, want %q", in, got, want)
		}
	}
}
