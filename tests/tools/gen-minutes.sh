#!/bin/sh
# gen-minutes.sh DIR N [SEED] - write N distinct minutes under DIR
# (50 per folder), derived deterministically from the real minutes in
# corpus/ and the hand-made ones in tests/data/search: each gets its own
# date, a case number, and other people's names and numbers, so that
# every file is different and the queries of the tests have work to do.
# Run from the repository root. Not a test itself (lib.sh is not sourced).
set -eu
dir=$1
n=$2
seed=${3:-1}
mkdir -p "$dir"
awk -v dir="$dir" -v n="$n" -v seed="$seed" '
BEGIN {
	srand(seed)
	split("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre", mes, " ")
	split("Lilibeth Adriana Enrique Alfredo Leslie Arturo Jorge Hitzi", nombre, " ")
	split("Rodríguez Cárdenas Serrano Burgos Flores Romero Medina Herrera", apellido, " ")
}
FNR == 1 { t++ }
{ tpl[t, FNR] = $0; len[t] = FNR }
END {
	for (i = 1; i <= n; i++) {
		k = (i - 1) % t + 1
		sub_dir = sprintf("%s/lote-%03d", dir, int((i - 1) / 50))
		if ((i - 1) % 50 == 0)
			system("mkdir -p \"" sub_dir "\"")
		f = sprintf("%s/minuta-%05d.txt", sub_dir, i)
		d = int(rand() * 28) + 1
		m = int(rand() * 12) + 1
		y = 2015 + int(rand() * 10)
		fecha = d " de " mes[m] " de " y
		who = nombre[int(rand() * 8) + 1]
		sur = apellido[int(rand() * 8) + 1]
		for (l = 1; l <= len[k]; l++) {
			line = tpl[k, l]
			gsub(/[0-9]+ de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) de 20[0-9][0-9]/, fecha, line)
			gsub(/Lilibeth/, who, line)
			gsub(/Rodríguez/, sur, line)
			gsub(/20(20|21)/, y, line)
			print line > f
			if (l == 2)
				printf "Expediente %d, clave k%dx, folio %d.\n", i, i, int(rand() * 100000) > f
		}
		close(f)
	}
}' corpus/minuta-*.txt tests/data/search/minuta-*.txt
