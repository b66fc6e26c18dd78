package entity

import (
	"fmt"
	"testing"
)

// TestPlacesAcrossLanguages checks that the names of one place in Arabic,
// English, French, Spanish, German and Russian resolve to one
// language-independent id (an ISO country code or a GeoNames city), in a
// sentence of each language. Cities need the GeoNames names
// (libgeonames-common); without them only countries are checked.
func TestPlacesAcrossLanguages(t *testing.T) {
	_, cities, _ := GazetteerStatus()
	langs := []string{"ar", "en", "fr", "es", "de", "ru"}
	sentence := map[string]string{
		"ar": "وصل الوزير إلى %s أمس.", "en": "The minister arrived in %s yesterday.",
		"fr": "Le ministre est arrivé à %s hier.", "es": "El ministro llegó a %s ayer.",
		"de": "Der Minister traf gestern in %s ein.", "ru": "Вчера министр посетил город %s и уехал.",
	}
	tests := []struct {
		phenomenon, key string
		names           [6]string // ar en fr es de ru
	}{
		{"country", "place:IL", [6]string{"إسرائيل", "Israel", "Israël", "Israel", "Israel", "Израиль"}},
		{"country of two words, hyphenated in French", "place:US", [6]string{"الولايات المتحدة", "United States", "États-Unis", "Estados Unidos", "Vereinigte Staaten", "Соединённые Штаты"}},
		{"country", "place:DE", [6]string{"ألمانيا", "Germany", "Allemagne", "Alemania", "Deutschland", "Германия"}},
		{"country", "place:EG", [6]string{"مصر", "Egypt", "Égypte", "Egipto", "Ägypten", "Египет"}},
		{"country", "place:LB", [6]string{"لبنان", "Lebanon", "Liban", "Líbano", "Libanon", "Ливан"}},
		{"country", "place:SY", [6]string{"سوريا", "Syria", "Syrie", "Siria", "Syrien", "Сирия"}},
		{"country", "place:RU", [6]string{"روسيا", "Russia", "Russie", "Rusia", "Russland", "Россия"}},
		{"city", "place:washington", [6]string{"واشنطن", "Washington", "Washington", "Washington", "Washington", "Вашингтон"}},
		{"city exonyms", "place:moscow", [6]string{"موسكو", "Moscow", "Moscou", "Moscú", "Moskau", "Москва"}},
		{"city with the Arabic article", "place:jerusalem", [6]string{"القدس", "Jerusalem", "Jérusalem", "Jerusalén", "Jerusalem", "Иерусалим"}},
		{"city", "place:gaza", [6]string{"غزة", "Gaza", "Gaza", "Gaza", "Gaza", "Газа"}},
		{"French exonym", "place:beirut", [6]string{"بيروت", "Beirut", "Beyrouth", "Beirut", "Beirut", "Бейрут"}},
		{"city with the Arabic article", "place:cairo", [6]string{"القاهرة", "Cairo", "Le Caire", "El Cairo", "Kairo", "Каир"}},
		{"city", "place:damascus", [6]string{"دمشق", "Damascus", "Damas", "Damasco", "Damaskus", "Дамаск"}},
		{"hyphenated city", "place:tel aviv", [6]string{"تل أبيب", "Tel Aviv", "Tel-Aviv", "Tel Aviv", "Tel Aviv", "Тель-Авив"}},
		{"old and new spellings", "place:kyiv", [6]string{"كييف", "Kyiv", "Kiev", "Kiev", "Kiew", "Киев"}},
		{"hyphenated Arabic article in Russian", "place:riyadh", [6]string{"الرياض", "Riyadh", "Riyad", "Riad", "Riad", "Эр-Рияд"}},
		{"Peking and Beijing", "place:beijing", [6]string{"بكين", "Beijing", "Pékin", "Pekín", "Peking", "Пекин"}},
		{"city", "place:tehran", [6]string{"طهران", "Tehran", "Téhéran", "Teherán", "Teheran", "Тегеран"}},
		{"city", "place:brussels", [6]string{"بروكسل", "Brussels", "Bruxelles", "Bruselas", "Brüssel", "Брюссель"}},
	}
	for _, tc := range tests {
		if cities == 0 && len(tc.key) > len("place:XX") {
			continue // a city: needs the GeoNames names
		}
		for li, l := range langs {
			text := fmt.Sprintf(sentence[l], tc.names[li])
			got := ""
			for _, e := range Extract(l, text) {
				if e.Kind == Place {
					got = e.Key
				}
			}
			if got != tc.key {
				t.Errorf("%s: %s %q in %q is %q, want %q", tc.phenomenon, l, tc.names[li], text, got, tc.key)
			}
		}
	}
}

// TestRussianCityCases checks that Russian case forms of a city name
// resolve to the city: в Москве, в Москву, в Вашингтоне.
func TestRussianCityCases(t *testing.T) {
	if _, cities, _ := GazetteerStatus(); cities == 0 {
		t.Skip("GeoNames city names not installed (apt-get install libgeonames-common)")
	}
	tests := []struct{ phenomenon, text, key string }{
		{"prepositional -е of a feminine city", "Вчера министр был в Москве.", "place:moscow"},
		{"accusative -у", "Министр прибыл в Москву вечером.", "place:moscow"},
		{"prepositional -е of a masculine city", "Переговоры в Вашингтоне продолжились.", "place:washington"},
		{"genitive -а", "Делегация из Вашингтона прибыла.", "place:washington"},
		{"nominative", "Вашингтон заявил о поддержке.", "place:washington"},
	}
	for _, tc := range tests {
		got := ""
		for _, e := range Extract("ru", tc.text) {
			if e.Kind == Place {
				got = e.Key
			}
		}
		if got != tc.key {
			t.Errorf("%s: %q has place %q, want %q", tc.phenomenon, tc.text, got, tc.key)
		}
	}
}
