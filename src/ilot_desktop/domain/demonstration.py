"""The words that mark what comes from the demonstration's fictional people (documents, workbooks, imports)."""

from __future__ import annotations

DEMO_MARK = "DONNÉES FICTIVES — DÉMONSTRATION"
DEMO_EXPLANATION = (
    "Ce document a été produit à partir des données de démonstration d'Îlot desktop\u00a0: les personnes et "
    "les chiffres sont inventés. Ne l'envoyez pas et ne le remettez à personne."
)
DEMO_SHEET = "Démonstration"  # the first sheet of a workbook made from the demonstration
DEMO_IMPORT_WARNING = (
    "Ce classeur est un export de la démonstration\u00a0: les personnes qu'il contient sont fictives. "
    "Importé ici, il mêlerait des personnes inventées à vos vrais dossiers et à vos chiffres pour la Ville "
    "de Paris."
)
